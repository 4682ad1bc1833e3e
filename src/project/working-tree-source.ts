import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { isLintablePath, LINTABLE_EXTENSIONS } from '../adapters/parse-file.js';
import { GitError, grepFiles } from '../baseline/git.js';
import type { FileSource } from './load-project.js';

/** Generated bundles and vendored blobs do not declare jobs; parsing them would only cost time. */
export const MAX_FILE_BYTES = 1024 * 1024;

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'build', 'coverage']);

/** The files on disk: narrowed with `git grep` in a repository, or a directory walk without one. */
export class WorkingTreeSource implements FileSource {
  constructor(
    private readonly root: string,
    private readonly scope: string,
    private readonly candidatePattern: string,
    private readonly isGit: boolean,
  ) {}

  listCandidates(): string[] {
    if (this.isGit) {
      try {
        return grepFiles(this.root, this.candidatePattern, this.scope, LINTABLE_EXTENSIONS);
      } catch (error) {
        // A repository without a git binary is read like a plain folder.
        if (!(error instanceof GitError && error.kind === 'missing-git')) throw error;
      }
    }
    const test = new RegExp(this.candidatePattern);
    return walkFiles(this.root, this.scope).filter((path) => {
      const text = readSmallFile(join(this.root, path));
      return text !== undefined && test.test(text);
    });
  }

  readFiles(paths: string[]): Map<string, string> {
    const texts = new Map<string, string>();
    for (const path of paths) {
      const text = readSmallFile(join(this.root, path));
      if (text !== undefined) texts.set(path, text);
    }
    return texts;
  }
}

export function readSmallFile(path: string): string | undefined {
  try {
    const stat = statSync(path);
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

