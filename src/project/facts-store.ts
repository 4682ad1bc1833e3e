/**
 * Facts of file contents kept on disk between processes: each ESLint run, CI job, worker
 * thread and editor restart would otherwise parse every job file of both versions again.
 * One JSON file per project, plugin build and job pattern, keyed by content hash, under
 * `node_modules/.cache/eslint-plugin-safe-jobs/` (the place build tools share for caches,
 * never committed). Beside it: the blobs known to hold no job; the contracts of each baseline
 * commit (a commit's contracts never change, so a later process skips its git reads and
 * resolution); and the working tree's contracts with what they were built from (see
 * kept-project.ts). The store is only ever a shortcut: anything wrong with it is ignored.
 */
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, constants, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContractSet } from '../model/contract.js';
import type { FileFacts } from '../model/facts.js';
import { toContractsBody, toContractSet } from './contracts-file.js';

export const CACHE_FOLDER = join('node_modules', '.cache', 'eslint-plugin-safe-jobs');

/** Files of other builds or settings that nobody has written for this long are removed. */
const STALE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;
/** Temporary files of a write that did not finish (a killed process) are removed after this long. */
const ABANDONED_AFTER_MS = 10 * 60 * 1000;
/** The store's own files: facts, blobs, baseline and working-tree contracts, and the temporary files of their writes. Nothing else is ever removed. */
const STORE_NAME = /^(facts|blobs|contracts|worktree)-[0-9a-f]{16}\.json$/;
const TEMPORARY_NAME = /^(facts|blobs|contracts|worktree)-[0-9a-f]{16}\.json\.[0-9a-f-]{36}\.tmp$/;
/** Baselines whose contracts are kept: the most recently written ones (a branch's merge-base, a few deploy tags). */
const MAX_CONTRACT_FILES = 8;
/** How every store file starts (a StoreFile, or the header line of a checked file): a file named like one but not so is not ours. */
const STORE_PREFIX = '{"format":';

/**
 * The shape of the stored facts: raised whenever FileFacts change shape, so that a store
 * written by an older build is never read as facts of this one (the build key alone may not
 * change, for example when a package is installed with preserved file times).
 */
export const STORE_FORMAT = 19;

interface StoreFile {
  format: typeof STORE_FORMAT;
  entries: Record<string, FileFacts>;
}

/** Blobs of git's index whose content failed the candidate test: those files are not read again. A file of its own, read without the facts. */
interface BlobsFile {
  format: typeof STORE_FORMAT;
  nonCandidates: string[];
}

export class FactsStore {
  private readonly path: string;
  private readonly blobsPath: string;
  private readonly worktreePath: string;
  private entries?: Map<string, FileFacts>;
  private nonCandidates?: Set<string>;

  private readonly directory: string;

  /** The store of the project at `root`, in its CACHE_FOLDER. */
  constructor(
    private readonly root: string,
    private readonly patternKey: string,
  ) {
    this.directory = join(root, CACHE_FOLDER);
    const name = createHash('sha1').update(getBuildKey()).update('\0').update(patternKey).digest('hex').slice(0, 16);
    this.path = join(this.directory, `facts-${name}.json`);
    this.blobsPath = join(this.directory, `blobs-${name}.json`);
    this.worktreePath = join(this.directory, `worktree-${name}.json`);
  }

  /** The contracts of a baseline commit a process of this build and pattern wrote, if they are intact. */
  readContracts(commit: string): ContractSet | undefined {
    return toContractSet(this.readChecked(this.getContractsPath(commit), commit));
  }

  /** Keeps a baseline commit's contracts for later processes. */
  writeContracts(commit: string, set: ContractSet): void {
    this.writeChecked(this.getContractsPath(commit), commit, () => toContractsBody(set));
  }

  /** What the last full load of the working tree wrote (see kept-project.ts), if it is intact; not yet checked against the disk. */
  readWorktree(): unknown {
    return this.readChecked(this.worktreePath, 'worktree');
  }

  writeWorktree(body: () => unknown): void {
    this.writeChecked(this.worktreePath, 'worktree', body);
  }

  private getContractsPath(commit: string): string {
    return join(this.directory, `contracts-${createHash('sha1').update(getBuildKey()).update('\0').update(this.patternKey).update('\0').update(commit).digest('hex').slice(0, 16)}.json`);
  }

  /**
   * A file of a header line (format, what the body is of, a digest of the body) and a JSON
   * body. A damaged or truncated file fails its digest: it is built again, never read.
   * `subject` (a baseline commit, or 'worktree') is written as the header's `commit`.
   */
  private readChecked(path: string, subject: string): unknown {
    try {
      const text = readWithoutFollowing(path);
      const newline = text.indexOf('\n');
      const header = JSON.parse(text.slice(0, newline)) as { format?: unknown; commit?: unknown; digest?: unknown };
      const body = text.slice(newline + 1);
      if (header.format !== STORE_FORMAT || header.commit !== subject || header.digest !== getDigest(body)) return undefined;
      return JSON.parse(body) as unknown;
    } catch {
      return undefined;
    }
  }

  private writeChecked(path: string, subject: string, body: () => unknown): void {
    this.writeFile(path, () => {
      const text = JSON.stringify(body());
      return `${JSON.stringify({ format: STORE_FORMAT, commit: subject, digest: getDigest(text) })}\n${text}`;
    });
  }

  /**
   * The store of a project, when the project has a node_modules folder to hold it (and
   * SAFE_JOBS_CACHE is not `off`). A repository can commit `node_modules/.cache/...` as a
   * symbolic link to anywhere: every folder of the path must be a real folder, or the store is
   * not used, and a warning says why (a cache that writes and removes files elsewhere is a harm).
   */
  static open(root: string, patternKey: string): FactsStore | undefined {
    if (process.env.SAFE_JOBS_CACHE === 'off') return undefined;
    for (const [index, folder] of getCacheFolders(root).entries()) {
      const kind = getEntryKind(folder);
      if (kind === 'link' || kind === 'other') {
        warnOnce(folder, `safe-jobs: ${folder} is ${kind === 'link' ? 'a symbolic link' : 'not a folder'}; the facts cache is off for this project.`);
        return undefined;
      }
      // No node_modules: no place for a cache. The folders below it are made on the first write.
      if (kind === 'missing') return index === 0 ? undefined : new FactsStore(root, patternKey);
    }
    return new FactsStore(root, patternKey);
  }

  get(key: string): FileFacts | undefined {
    this.entries ??= this.readEntries();
    return this.entries.get(key);
  }

  isNonCandidate(blob: string): boolean {
    this.nonCandidates ??= this.readNonCandidates();
    return this.nonCandidates.has(blob);
  }

  /** Forgets what was read: entries this process did not use would only take memory. */
  release(): void {
    this.entries = undefined;
    this.nonCandidates = undefined;
  }

  /** Replaces the stored facts with `entries`: what this process used, so the file never outgrows the project. */
  write(entries: Map<string, FileFacts>): void {
    this.writeFile(this.path, () => JSON.stringify({ format: STORE_FORMAT, entries: Object.fromEntries(entries) } satisfies StoreFile));
  }

  /** Replaces the blobs known to hold no job (those of the latest listing). */
  writeNonCandidates(nonCandidates: Set<string>): void {
    this.writeFile(this.blobsPath, () => JSON.stringify({ format: STORE_FORMAT, nonCandidates: [...nonCandidates] } satisfies BlobsFile));
  }

  /** Writes one of the store's files whole, then cleans up. `text` runs only once the folders are there. */
  private writeFile(path: string, text: () => string): void {
    // Other processes (ESLint's worker threads, the editor) may write at the same time: each
    // writes its own temporary file and renames it, so a reader never sees half a file.
    const temporary = `${path}.${randomUUID()}.tmp`;
    try {
      if (!this.makeFolders()) return;
      // `wx`: never through a file or link that is already there.
      writeFileSync(temporary, text(), { flag: 'wx' });
      // A rename replaces a link at the file's path, never what it points to.
      renameSync(temporary, path);
      this.removeStaleFiles();
    } catch {
      // A read-only or full disk costs speed, never a lint result.
      rmSync(temporary, { force: true });
    }
  }

  /** The cache folders, made one by one, each a real folder: false when one is a link or a file. */
  private makeFolders(): boolean {
    for (const folder of getCacheFolders(this.root)) {
      const kind = getEntryKind(folder);
      if (kind === 'missing') mkdirSync(folder);
      else if (kind !== 'folder') return false;
    }
    return true;
  }

  private readEntries(): Map<string, FileFacts> {
    try {
      const file = JSON.parse(readWithoutFollowing(this.path)) as Partial<StoreFile>;
      if (file.format === STORE_FORMAT && typeof file.entries === 'object' && file.entries !== null) {
        // An entry of another shape (a hand-edited or damaged file) is parsed again, never handed to the analysis.
        return new Map(Object.entries(file.entries).filter(([, facts]) => isFileFacts(facts)));
      }
    } catch {
      // Missing, unreadable or a link: parsed again, and written anew.
    }
    return new Map();
  }

  private readNonCandidates(): Set<string> {
    try {
      const file = JSON.parse(readWithoutFollowing(this.blobsPath)) as Partial<BlobsFile>;
      if (file.format === STORE_FORMAT && Array.isArray(file.nonCandidates)) return new Set(file.nonCandidates.filter((blob) => typeof blob === 'string'));
    } catch {
      // Missing, unreadable or a link: such files are read, and the blobs written anew.
    }
    return new Set();
  }

  /**
   * Removes the store's own files that nobody has written for a long time, and baseline
   * contracts past the most recent MAX_CONTRACT_FILES: nothing that is not one, nothing behind a link.
   */
  private removeStaleFiles(): void {
    const now = Date.now();
    const contracts: Array<{ path: string; mtimeMs: number }> = [];
    for (const name of readdirSync(this.directory)) {
      const path = join(this.directory, name);
      const isStore = STORE_NAME.test(name);
      if (path === this.path || path === this.blobsPath || path === this.worktreePath || (!isStore && !TEMPORARY_NAME.test(name))) continue;
      try {
        const stats = lstatSync(path);
        if (!stats.isFile() || (isStore && !startsWith(path, STORE_PREFIX))) continue;
        if (now - stats.mtimeMs > (isStore ? STALE_AFTER_MS : ABANDONED_AFTER_MS)) rmSync(path, { force: true });
        else if (isStore && name.startsWith('contracts-')) contracts.push({ path, mtimeMs: stats.mtimeMs });
      } catch {
        // Removed by another process meanwhile.
      }
    }
    for (const { path } of contracts.sort((a, b) => b.mtimeMs - a.mtimeMs).slice(MAX_CONTRACT_FILES)) rmSync(path, { force: true });
  }
}

/** node_modules, node_modules/.cache and the cache folder of a project, outermost first. */
function getCacheFolders(root: string): string[] {
  const segments = CACHE_FOLDER.split(/[\\/]/);
  return segments.map((_, index) => join(root, ...segments.slice(0, index + 1)));
}

type EntryKind = 'folder' | 'link' | 'other' | 'missing';

function getEntryKind(path: string): EntryKind {
  try {
    const stats = lstatSync(path);
    return stats.isSymbolicLink() ? 'link' : stats.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'missing';
  }
}

/** The file's text, refusing a symbolic link at the path (ELOOP) instead of reading what it points to. */
function readWithoutFollowing(path: string): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

function startsWith(path: string, prefix: string): boolean {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const buffer = Buffer.alloc(prefix.length);
    return readSync(fd, buffer, 0, prefix.length, 0) === prefix.length && buffer.toString('utf8') === prefix;
  } finally {
    closeSync(fd);
  }
}

function getDigest(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The facts of one file as the extractor writes them: the members every reader takes for granted. */
function isFileFacts(value: unknown): value is FileFacts {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const facts = value as Record<string, unknown>;
  const isRecord = (entry: unknown) => typeof entry === 'object' && entry !== null && !Array.isArray(entry);
  const isOptional = (key: string, test: (entry: unknown) => boolean) => facts[key] === undefined || test(facts[key]);
  return (
    Array.isArray(facts.classes) &&
    Array.isArray(facts.types) &&
    Array.isArray(facts.enqueues) &&
    isRecord(facts.imports) &&
    isRecord(facts.exportAliases) &&
    isOptional('reExports', Array.isArray) &&
    isOptional('values', isRecord) &&
    isOptional('namedEnqueues', Array.isArray) &&
    isOptional('bindings', isRecord) &&
    isOptional('kinds', (kinds) => isRecord(kinds) && Object.values(kinds as object).every((own) => typeof own === 'object' && own !== null)) &&
    isOptional('dependencies', Array.isArray)
  );
}

const warned = new Set<string>();

function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  process.emitWarning(message);
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
