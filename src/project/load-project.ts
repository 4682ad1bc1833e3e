import { getAdapterSet } from '../adapters/adapter-set.js';
import { type ContractSet, OVERSIZE_REASON } from '../model/contract.js';
import type { FileFacts } from '../model/facts.js';
import { MAX_FILE_BYTES } from '../model/paths.js';
import { ModuleResolver } from '../resolve/module-resolver.js';
import { buildContractSet } from './build-contracts.js';
import type { FactsCache } from './facts-cache.js';

import { getPackageFacts, getPackageJsonCandidates, isPackageJsonPath } from './packages.js';

/** Where one version of the project's files comes from: a git tree or the working tree. */
export interface FileSource {
  /** Texts of the files that pass the cheap text prefilter, by repository-relative POSIX path. */
  readCandidates(): Map<string, string>;
  /** Texts of the given files; files that do not exist are left out. */
  readFiles(paths: string[]): Map<string, string>;
  /** Files over the size limit met by the reads so far: left out, and unknown (not without jobs). */
  getOversized(): ReadonlySet<string>;
  /** Every file of the version outside node_modules, lintable or not: what imports can reach. */
  listPaths(): ReadonlySet<string>;
}

export interface LoadedProject {
  files: Map<string, FileFacts>;
  /** Content key of each loaded file, so that a file linted unchanged costs nothing. */
  keys: Map<string, string>;
  /** Files that could not be parsed: their jobs are unknown, not deleted. */
  unparsable: Map<string, string>;
  /** Module paths already looked for, found or not. */
  tried: Set<string>;
  /** Where the version's imports lead (tsconfig paths, workspace packages), resolved once per version. */
  modules: ModuleResolver;
}

/**
 * Rounds of loading the modules a build asks for: each round reads what the last build could
 * not find, so a chain of superclasses or re-exported names this long is followed.
 */
const MAX_IMPORT_ROUNDS = 8;

/** Loads one version of the project: its candidate files and the modules their contracts need; and those contracts. */
export function loadProject(source: FileSource, cache: FactsCache): LoadedProject & { contracts: ContractSet } {
  const candidates = source.readCandidates();
  const modules = new ModuleResolver(source.listPaths(), (paths) => source.readFiles(paths));
  const project: LoadedProject = { files: new Map(), keys: new Map(), unparsable: new Map(), tried: new Set(), modules };
  const added = addTexts(project, candidates, cache);
  for (const path of source.getOversized()) if (!project.files.has(path)) project.unparsable.set(path, `${OVERSIZE_REASON}${MAX_FILE_BYTES / 1024 / 1024} MiB: not read`);
  const contracts = followImports(project, source, cache, added);
  return { ...project, contracts };
}

/** A version's contracts with the files it could not read: what they define is unknown there, not absent. */
export function withUnreadable(project: LoadedProject, contracts: ContractSet): ContractSet {
  if (project.unparsable.size > 0) contracts.unreadable = new Map(project.unparsable);
  return contracts;
}

/**
 * Loads, transitively, the modules that the build of the contracts asks for and that are not
 * loaded yet, and (where presets are chosen by dependencies) the package.json files above the
 * files `paths` adds; returns the contracts of the files then loaded. The build itself says what
 * it lacks, so discovery never drifts from resolution.
 */
export function followImports(project: LoadedProject, source: FileSource, cache: FactsCache, paths: string[]): ContractSet {
  const needsPackages = getAdapterSet(cache.pattern).explicit === undefined;
  let pending = paths;
  for (let round = 0; ; round++) {
    if (needsPackages && pending.length > 0) loadPackageFiles(project, source, pending);
    const wanted = new Set<string>();
    const contracts = buildContractSet(project.files, cache.pattern, project.modules, (path) => {
      if (!project.tried.has(path)) wanted.add(path);
    });
    if (wanted.size === 0 || round === MAX_IMPORT_ROUNDS) return withUnreadable(project, contracts);
    for (const path of wanted) project.tried.add(path);
    pending = addTexts(project, source.readFiles([...wanted]), cache);
    // Nothing the build asked for exists: the files did not change, nor did their contracts.
    if (pending.length === 0) return withUnreadable(project, contracts);
  }
}

/**
 * Reads again files that changed or went away on disk, and returns the contracts then, or
 * undefined when no content changed (a file saved as the editor already had it): a file gone
 * leaves the project (its jobs and sites with it); a changed one is parsed anew (once per
 * content, through the cache).
 */
export function reloadFiles(project: LoadedProject, source: FileSource, cache: FactsCache, paths: string[]): ContractSet | undefined {
  const texts = source.readFiles(paths);
  const gone = paths.filter((path) => !texts.has(path) && (project.files.has(path) || project.unparsable.has(path)));
  for (const path of gone) {
    project.files.delete(path);
    project.keys.delete(path);
    project.unparsable.delete(path);
  }
  const changed = new Map([...texts].filter(([path, text]) => project.keys.get(path) !== cache.getKey(path, text)));
  if (gone.length === 0 && changed.size === 0) return undefined;
  return followImports(project, source, cache, addTexts(project, changed, cache));
}

function loadPackageFiles(project: LoadedProject, source: FileSource, paths: string[]): void {
  const wanted = new Set<string>();
  for (const path of paths) {
    for (const candidate of getPackageJsonCandidates(path)) {
      if (project.tried.has(candidate)) break;
      wanted.add(candidate);
      project.tried.add(candidate);
    }
  }
  if (wanted.size > 0) addTexts(project, source.readFiles([...wanted]), undefined);
}

function addTexts(project: LoadedProject, texts: Map<string, string>, cache: FactsCache | undefined): string[] {
  const parsed: Array<{ key: string; path: string; text: string }> = [];
  for (const [path, text] of texts) {
    if (isPackageJsonPath(path)) {
      const facts = getPackageFacts(text);
      if (facts) project.files.set(path, facts);
    } else if (cache) {
      parsed.push({ key: cache.getKey(path, text), path, text });
    }
  }
  if (!cache) return [];
  cache.prepare(parsed);
  const added: string[] = [];
  for (const { key, path, text } of parsed) {
    const outcome = cache.parse(key, path, text);
    project.keys.set(path, key);
    if ('facts' in outcome) {
      project.files.set(path, outcome.facts);
      added.push(path);
    } else {
      project.unparsable.set(path, outcome.error);
    }
  }
  return added;
}
