/**
 * Facts of file contents kept on disk between processes: each ESLint run, CI job, worker
 * thread and editor restart would otherwise parse every job file of both versions again.
 * One JSON file per project, plugin build and job pattern, keyed by content hash, under
 * `node_modules/.cache/eslint-plugin-safe-jobs/` (the place build tools share for caches,
 * never committed). The store is only ever a shortcut: anything wrong with it is ignored.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileFacts } from '../model/facts.js';

export const CACHE_FOLDER = join('node_modules', '.cache', 'eslint-plugin-safe-jobs');

/** Files of other builds or settings that nobody has written for this long are removed. */
const STALE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The shape of the stored facts: raised whenever FileFacts change shape, so that a store
 * written by an older build is never read as facts of this one (the build key alone may not
 * change, for example when a package is installed with preserved file times).
 */
const FORMAT = 2;

interface StoreFile {
  format: typeof FORMAT;
  entries: Record<string, FileFacts>;
  /** Blobs of git's index whose content failed the candidate test: those files are not read again. */
  nonCandidates?: string[];
}

interface StoreContent {
  entries: Map<string, FileFacts>;
  nonCandidates: Set<string>;
}

export class FactsStore {
  private readonly path: string;
  private loaded?: StoreContent;

  constructor(
    private readonly directory: string,
    patternKey: string,
  ) {
    this.path = join(directory, `facts-${createHash('sha1').update(getBuildKey()).update('\0').update(patternKey).digest('hex').slice(0, 16)}.json`);
  }

  /** The store of a project, when the project has a node_modules folder to hold it (and SAFE_JOBS_CACHE is not `off`). */
  static open(root: string, patternKey: string): FactsStore | undefined {
    if (process.env.SAFE_JOBS_CACHE === 'off') return undefined;
    try {
      return statSync(join(root, 'node_modules')).isDirectory() ? new FactsStore(join(root, CACHE_FOLDER), patternKey) : undefined;
    } catch {
      return undefined;
    }
  }

  get(key: string): FileFacts | undefined {
    this.loaded ??= this.read();
    return this.loaded.entries.get(key);
  }

  isNonCandidate(blob: string): boolean {
    this.loaded ??= this.read();
    return this.loaded.nonCandidates.has(blob);
  }

  /** Forgets what was read: entries this process did not use would only take memory. */
  release(): void {
    this.loaded = undefined;
  }

  /** Replaces the stored facts with `entries`: what this process used, so the file never outgrows the project. */
  write(entries: Map<string, FileFacts>, nonCandidates: Set<string>): void {
    try {
      mkdirSync(this.directory, { recursive: true });
      const file: StoreFile = { format: FORMAT, entries: Object.fromEntries(entries), nonCandidates: [...nonCandidates] };
      // Other processes (ESLint's worker threads, the editor) may write at the same time: each
      // writes its own temporary file and renames it, so a reader never sees half a file.
      const temporary = `${this.path}.${randomUUID()}.tmp`;
      writeFileSync(temporary, JSON.stringify(file));
      renameSync(temporary, this.path);
      this.removeStaleFiles();
    } catch {
      // A read-only or full disk costs speed, never a lint result.
    }
  }

  private read(): StoreContent {
    try {
      const file = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<StoreFile>;
      if (file.format === FORMAT && typeof file.entries === 'object' && file.entries !== null) {
        const nonCandidates = Array.isArray(file.nonCandidates) ? file.nonCandidates.filter((blob) => typeof blob === 'string') : [];
        return { entries: new Map(Object.entries(file.entries)), nonCandidates: new Set(nonCandidates) };
      }
    } catch {
      // Missing or unreadable: parsed again, and written anew.
    }
    return { entries: new Map(), nonCandidates: new Set() };
  }

  private removeStaleFiles(): void {
    const now = Date.now();
    for (const name of readdirSync(this.directory)) {
      const path = join(this.directory, name);
      if (path === this.path) continue;
      try {
        if (now - statSync(path).mtimeMs > STALE_AFTER_MS) rmSync(path, { force: true });
      } catch {
        // Removed by another process meanwhile.
      }
    }
  }
}

/**
 * Facts change shape between plugin builds: the package version and the newest file time of
 * the plugin's own modules key the store, so an upgrade or a rebuild (which may rewrite only
 * the extractor) never reads facts of another extractor.
 */
function getBuildKey(): string {
  if (buildKey === undefined) {
    const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
    const modules = dirname(dirname(fileURLToPath(import.meta.url)));
    let newest = 0;
    for (const entry of readdirSync(modules, { recursive: true, withFileTypes: true })) {
      // Only the modules run: declaration and source-map files would double the stat calls at start-up.
      if (entry.isFile() && entry.name.endsWith('.js')) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
    buildKey = `${version}:${newest}`;
  }
  return buildKey;
}

let buildKey: string | undefined;
