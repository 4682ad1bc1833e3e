/**
 * The workspace packages of one version of a monorepo, by package name: read from that
 * version's own manifests (npm and yarn `workspaces`, `pnpm-workspace.yaml`), since a baseline
 * read from git has no `node_modules` to follow.
 */
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import { posix } from 'node:path';

export interface WorkspacePackage {
  /** The package's folder, repository-relative. */
  dir: string;
  /** Its package.json, parsed. */
  manifest: Record<string, unknown>;
}

/** Reads small text files of the version in one batch; absent or unreadable files are left out. */
export type ReadTexts = (paths: string[]) => Map<string, string>;

/** The workspace packages by name; empty when the root declares no workspaces. */
export function getWorkspacePackages(paths: ReadonlySet<string>, read: ReadTexts): Map<string, WorkspacePackage> {
  const roots = read(['package.json', 'pnpm-workspace.yaml', 'pnpm-workspace.yml'].filter((path) => paths.has(path)));
  const patterns = getWorkspacePatterns((path) => roots.get(path));
  const packages = new Map<string, WorkspacePackage>();
  if (patterns.length === 0) return packages;
  const positive = patterns.filter((pattern) => !pattern.startsWith('!')).map(normalizePattern);
  const negative = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => normalizePattern(pattern.slice(1)));
  if (positive.length === 0) return packages;
  const included = picomatch(positive, { dot: false });
  const excluded = negative.length > 0 ? picomatch(negative) : () => false;
  const dirs = [...paths].filter((path) => path.endsWith('/package.json')).map((path) => posix.dirname(path));
  const matched = dirs.filter((candidate) => !candidate.split('/').includes('node_modules') && included(candidate) && !excluded(candidate)).sort();
  const manifests = read(matched.map((dir) => `${dir}/package.json`));
  for (const dir of matched) {
    const manifest = parseJsonObject(manifests.get(`${dir}/package.json`));
    const name = manifest?.name;
    // The first folder of a name stays, as package managers refuse duplicates anyway.
    if (typeof name === 'string' && name !== '' && !packages.has(name)) packages.set(name, { dir, manifest: manifest! });
  }
  return packages;
}

function getWorkspacePatterns(read: (path: string) => string | undefined): string[] {
  const fromPackage = parseJsonObject(read('package.json'))?.workspaces;
  const declared = Array.isArray(fromPackage)
    ? fromPackage
    : typeof fromPackage === 'object' && fromPackage !== null
      ? (fromPackage as { packages?: unknown }).packages
      : undefined;
  const patterns = Array.isArray(declared) ? declared.filter((entry): entry is string => typeof entry === 'string') : [];
  const pnpm = read('pnpm-workspace.yaml') ?? read('pnpm-workspace.yml');
  if (pnpm !== undefined) {
    try {
      const parsed: unknown = parseYaml(pnpm);
      const listed = typeof parsed === 'object' && parsed !== null ? (parsed as { packages?: unknown }).packages : undefined;
      if (Array.isArray(listed)) patterns.push(...listed.filter((entry): entry is string => typeof entry === 'string'));
    } catch {
      // An unreadable workspace file declares no packages: their imports stay external (unknown).
    }
  }
  return patterns;
}

/** `./packages/*` and `packages/*\/` mean `packages/*`. */
function normalizePattern(pattern: string): string {
  return pattern.replace(/^\.\//, '').replace(/\/+$/, '');
}

export function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const data: unknown = JSON.parse(text);
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
