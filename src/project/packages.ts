/**
 * The package.json files of one version of the project, loaded beside its source files: the
 * nearest one above a file says which framework presets are enabled there by default.
 */
import { posix } from 'node:path';
import type { FileFacts } from '../model/facts.js';

const DEPENDENCY_KEYS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

export function isPackageJsonPath(path: string): boolean {
  return path === 'package.json' || path.endsWith('/package.json');
}

/** The facts of a package.json: the packages it depends on. Undefined when it is not valid JSON. */
export function getPackageFacts(text: string): FileFacts | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const dependencies = new Set<string>();
  for (const key of DEPENDENCY_KEYS) {
    const entries = (data as Record<string, unknown>)[key];
    if (typeof entries === 'object' && entries !== null) for (const name of Object.keys(entries)) dependencies.add(name);
  }
  return { classes: [], imports: {}, exportAliases: {}, types: [], enqueues: [], dependencies: [...dependencies].sort() };
}

/** The package.json paths that may hold the dependencies of `file`, nearest first. */
export function getPackageJsonCandidates(file: string): string[] {
  const candidates: string[] = [];
  let dir = posix.dirname(file);
  for (;;) {
    candidates.push(dir === '.' ? 'package.json' : `${dir}/package.json`);
    if (dir === '.' || dir === '/' || dir === '') break;
    dir = posix.dirname(dir);
  }
  return candidates;
}

/**
 * The dependencies of the nearest loaded package.json above `file`, or undefined when there is
 * none; `byDir` caches the answer per folder for one build.
 */
export function getPackageDependencies(
  files: ReadonlyMap<string, FileFacts>,
  file: string,
  byDir: Map<string, readonly string[] | undefined>,
): readonly string[] | undefined {
  const dir = posix.dirname(file);
  if (byDir.has(dir)) return byDir.get(dir);
  let found: readonly string[] | undefined;
  for (const candidate of getPackageJsonCandidates(file)) {
    const facts = files.get(candidate);
    if (facts?.dependencies) {
      found = facts.dependencies;
      break;
    }
  }
  byDir.set(dir, found);
  return found;
}
