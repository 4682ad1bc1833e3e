import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { isLintablePath } from '../adapters/parse-file.js';
import { GitError, listWorkingTreeFiles } from '../baseline/git.js';
import type { FileSource } from './load-project.js';

/** Generated bundles and vendored blobs do not declare jobs; parsing them would only cost time. */
export const MAX_FILE_BYTES = 1024 * 1024;

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'build', 'coverage']);

/**
 * The files on disk: listed by `git ls-files` in a repository (tracked and untracked, not
 * ignored), by a directory walk without one, and narrowed here by the candidate pattern.
 * (JavaScript's regular expressions run this prefilter several times faster than `git grep -E`.)
 */
export class WorkingTreeSource implements FileSource {
  private readonly candidateTest: RegExp;
  private listing?: { tracked: Set<string>; candidates: string[] };

  constructor(
    private readonly root: string,
    private readonly scope: string,
    candidatePattern: string,
    private readonly isGit: boolean,
  ) {
    this.candidateTest = new RegExp(candidatePattern);
  }

  readCandidates(): Map<string, string> {
    const { tracked, untracked } = this.listFiles();
    const texts = new Map<string, string>();
    for (const path of [...tracked, ...untracked]) {
      if (!isLintablePath(path)) continue;
      const text = readSmallFile(join(this.root, path));
      if (text !== undefined && this.candidateTest.test(text)) texts.set(path, text);
    }
    this.listing = { tracked: new Set(tracked), candidates: [...texts.keys()] };
    return texts;
  }

  readFiles(paths: string[]): Map<string, string> {
    const texts = new Map<string, string>();
    for (const path of paths) {
      const text = readSmallFile(join(this.root, path));
      if (text !== undefined) texts.set(path, text);
    }
    return texts;
  }

  /** The candidates of the latest listing (a baseline read from git shares them). */
  getCandidates(): string[] {
    return this.getListing().candidates;
  }

  /** Whether git's index holds the path, as of the latest listing. */
  isTracked(path: string): boolean {
    return this.getListing().tracked.has(path);
  }

  private getListing(): { tracked: Set<string>; candidates: string[] } {
    if (!this.listing) this.readCandidates();
    return this.listing!;
  }

  private listFiles(): { tracked: string[]; untracked: string[] } {
    if (this.isGit) {
      try {
        return { tracked: listWorkingTreeFiles(this.root, this.scope, 'tracked'), untracked: listWorkingTreeFiles(this.root, this.scope, 'untracked') };
      } catch (error) {
        // A repository without a git binary is read like a plain folder.
        if (!(error instanceof GitError && error.kind === 'missing-git')) throw error;
      }
    }
    return { tracked: [], untracked: walkFiles(this.root, this.scope) };
  }
}

export function readSmallFile(path: string): string | undefined {
  try {
    // Symbolic links are not followed, as git does not follow them: a link is not a second copy of a job.
    const stat = lstatSync(path);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Lintable files below `scope`, never following symbolic links (they can loop). */
function walkFiles(root: string, scope: string): string[] {
  const found: string[] = [];
  const pending = [scope];
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
      else if (entry.isFile() && isLintablePath(path)) found.push(path);
    }
  }
  return found;
}
