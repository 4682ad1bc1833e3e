import type { FileFacts } from '../model/facts.js';
import type { FactsCache } from './facts-cache.js';
import { getImportedFile, getModuleCandidates } from './module-paths.js';

/** Where one version of the project's files comes from: a git tree or the working tree. */
export interface FileSource {
  /** Files that pass the cheap text prefilter, repository-relative POSIX paths. */
  listCandidates(): string[];
  /** Texts of the given files; files that do not exist are left out. */
  readFiles(paths: string[]): Map<string, string>;
}

export interface LoadedProject {
  files: Map<string, FileFacts>;
  /** Content key of each loaded file, so that a file linted unchanged costs nothing. */
  keys: Map<string, string>;
  /** Files that could not be parsed: their jobs are unknown, not deleted. */
  unparsable: Map<string, string>;
  /** Module paths already looked for, found or not. */
  tried: Set<string>;
}

/** Imports are followed this many levels deep beyond the prefiltered files. */
const MAX_IMPORT_ROUNDS = 6;

export function loadProject(source: FileSource, cache: FactsCache): LoadedProject {
  const project: LoadedProject = { files: new Map(), keys: new Map(), unparsable: new Map(), tried: new Set() };
  const added = addTexts(project, source.readFiles(source.listCandidates()), cache);
  followImports(project, source, cache, added);
  return project;
}

/** Loads the modules that `paths` need for resolution and that are not loaded yet, transitively. */
export function followImports(project: LoadedProject, source: FileSource, cache: FactsCache, paths: string[]): void {
  let pending = paths;
  for (let round = 0; round < MAX_IMPORT_ROUNDS && pending.length > 0; round++) {
    const wanted = new Set<string>();
    for (const path of pending) {
      for (const candidates of getMissingModules(project.files, path)) {
        for (const candidate of candidates) if (!project.tried.has(candidate)) wanted.add(candidate);
      }
    }
    for (const path of wanted) project.tried.add(path);
    pending = wanted.size > 0 ? addTexts(project, source.readFiles([...wanted]), cache) : [];
  }
}

function addTexts(project: LoadedProject, texts: Map<string, string>, cache: FactsCache): string[] {
  const added: string[] = [];
  for (const [path, text] of texts) {
    const key = cache.getKey(path, text);
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

/**
 * Relative modules that one file refers to for resolution (superclasses, payload types,
 * enqueued classes) and that are not loaded: each entry lists the paths the import may be.
 */
function getMissingModules(files: ReadonlyMap<string, FileFacts>, file: string): string[][] {
  const facts = files.get(file);
  if (!facts) return [];
  const names = new Set<string>();
  for (const cls of facts.classes) {
    if (cls.superClass) names.add(cls.superClass.split('.')[0]!);
    for (const handler of cls.handlers) if (handler.payload && 'ref' in handler.payload) names.add(handler.payload.ref.name);
  }
  for (const enqueue of facts.enqueues) names.add(enqueue.callee);
  const missing: string[][] = [];
  for (const name of names) {
    const binding = facts.imports[name];
    if (!binding || getImportedFile(files, file, binding.source)) continue;
    const candidates = getModuleCandidates(file, binding.source);
    if (candidates.length > 0) missing.push(candidates);
  }
  return missing;
}
