import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { isLintablePath, MAX_FILE_BYTES } from '../model/paths.js';
import { GitError, listWorkingTree } from '../git/git.js';
import type { FactsCache } from './facts-cache.js';
import type { CandidateScan } from './kept-project.js';
import type { FileSource } from './load-project.js';


const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'build', 'coverage']);

/**
 * The files on disk: listed by `git ls-files` in a repository (tracked and untracked, not
 * ignored), by a directory walk without one, and narrowed here by the candidate pattern.
 * (JavaScript's regular expressions run this prefilter several times faster than `git grep -E`.)
 * Most files of a project fail that test and stay as they are in git's index: the blobs known
 * to fail it are remembered, so that on later loads only new content is read.
 */
export class WorkingTreeSource implements FileSource {
  private readonly candidateTest: RegExp;
  private listing?: Listing;
  /** Lintable files over MAX_FILE_BYTES met so far: their jobs are unknown. */
  private readonly oversized = new Set<string>();

  constructor(
    private readonly root: string,
    candidatePattern: string,
    private readonly isGit: boolean,
    private readonly cache?: FactsCache,
  ) {
    this.candidateTest = new RegExp(candidatePattern);
  }

  /** The candidates' texts; given a listCandidates result just made, from it: only the files it named by blob are read. */
  readCandidates(scan?: CandidateScan): Map<string, string> {
    const found = scan ?? this.scan(() => false);
    const texts = new Map<string, string>();
    for (const [path, entry] of found) {
      const text = typeof entry === 'string' ? entry : this.read(path)?.toString('utf8');
      if (text !== undefined) texts.set(path, text);
    }
    return texts;
  }

  /**
   * The candidates, as readCandidates finds them, but without reading a file whose content
   * git's index holds unchanged under a blob `isKnownCandidate` accepts: such a file is given by
   * its blob id, the others by their text. For a caller that knows those blobs' contents already.
   */
  listCandidates(isKnownCandidate: (blob: string) => boolean): CandidateScan {
    return this.scan(isKnownCandidate);
  }

  private scan(isKnownCandidate: (blob: string) => boolean): CandidateScan {
    const { indexed, untracked } = this.listFiles();
    const found: CandidateScan = new Map();
    const clean = new Map<string, string>();
    for (const [path, blob] of [...indexed, ...untracked.map((path) => [path, undefined] as const)]) {
      if (blob !== undefined) clean.set(path, blob);
      if (!isLintablePath(path) || (blob !== undefined && this.cache?.isNonCandidate(blob))) continue;
      if (blob !== undefined && isKnownCandidate(blob)) {
        found.set(path, { blob });
        continue;
      }
      const bytes = this.read(path);
      if (bytes === undefined) continue;
      const text = bytes.toString('utf8');
      if (this.candidateTest.test(text)) found.set(path, text);
      // Only when the bytes read are the blob's (no line-ending filter, no edit since git looked).
      else if (blob !== undefined && getBlobId(bytes, blob.length) === blob) this.cache?.recordNonCandidate(blob);
    }
    const tracked = new Set(indexed.keys());
    this.listing = { tracked, all: new Set([...tracked, ...untracked]), candidates: [...found.keys()], clean };
    return found;
  }

  /**
   * git's blob id of the file's text, when the index holds the file unchanged (as of the latest
   * listing) and the text is that blob's: a name for the content that needs no read next time.
   */
  getBlobOf(path: string, text: string): string | undefined {
    const blob = this.getListing().clean.get(path);
    return blob !== undefined && getBlobId(Buffer.from(text, 'utf8'), blob.length) === blob ? blob : undefined;
  }

  /** The blob git's index holds for the file, when the file is unchanged on disk (as of the latest listing). */
  getCleanBlob(path: string): string | undefined {
    return this.getListing().clean.get(path);
  }

  readFiles(paths: string[]): Map<string, string> {
    const texts = new Map<string, string>();
    for (const path of paths) {
      const bytes = this.read(path);
      if (bytes !== undefined) texts.set(path, bytes.toString('utf8'));
    }
    return texts;
  }

  getOversized(): ReadonlySet<string> {
    return this.oversized;
  }

  private read(path: string): Buffer | undefined {
    const read = readSmallFile(join(this.root, path));
    if (read === 'oversized') this.oversized.add(path);
    return read === 'oversized' ? undefined : read;
  }

  /** The candidates of the latest listing (a baseline read from git shares them). */
  getCandidates(): string[] {
    return this.getListing().candidates;
  }

  /** Whether git's index holds the path, as of the latest listing. */
  isTracked(path: string): boolean {
    return this.getListing().tracked.has(path);
  }

  /** The paths in git's index (outside node_modules), as of the latest listing. */
  listTracked(): ReadonlySet<string> {
    return this.getListing().tracked;
  }

  /** Every file of the working tree outside node_modules (tracked, and untracked but not ignored), as of the latest listing. */
  listPaths(): ReadonlySet<string> {
    return this.getListing().all;
  }

  private getListing(): Listing {
    if (!this.listing) this.readCandidates();
    return this.listing!;
  }

  private listFiles(): { indexed: Map<string, string | undefined>; untracked: string[] } {
    if (this.isGit) {
      try {
        return listWorkingTree(this.root);
      } catch (error) {
        // A repository without a git binary, or one git refuses to work in, is read like a plain
        // folder: its files are still linted, and the baseline says once why it cannot be read.
        if (!(error instanceof GitError && (error.kind === 'missing-git' || error.kind === 'unsafe-repository'))) throw error;
      }
    }
    return { indexed: new Map(), untracked: walkFiles(this.root) };
  }
}

interface Listing {
  tracked: Set<string>;
  all: Set<string>;
  candidates: string[];
  /** git's blob of each tracked file that is unchanged on disk. */
  clean: Map<string, string>;
}

/** The file's bytes; 'oversized' for a file over MAX_FILE_BYTES; undefined for no file (or a link, a folder). */
function readSmallFile(path: string): Buffer | 'oversized' | undefined {
  try {
    // Symbolic links are not followed, as git does not follow them: a link is not a second copy of a job.
    const stat = lstatSync(path);
    if (!stat.isFile()) return undefined;
    if (stat.size > MAX_FILE_BYTES) return 'oversized';
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** git's object id of a blob with these bytes, in the repository's hash (SHA-1, or SHA-256 for 64-digit ids). */
function getBlobId(bytes: Buffer, idLength: number): string {
  return createHash(idLength === 64 ? 'sha256' : 'sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** The project's files, never following symbolic links (they can loop). */
function walkFiles(root: string): string[] {
  const found: string[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = dir ? posix.join(dir, entry.name) : entry.name;
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) pending.push(path);
      else if (entry.isFile()) found.push(path);
    }
  }
  return found;
}
