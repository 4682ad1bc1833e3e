import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { runGit } from './git.js';

/**
 * A cheap fingerprint of git files that change when the repository moves under a
 * long-lived process: a few `stat` calls instead of starting git on every linted file.
 */
export class GitStamp {
  private readonly paths: string[];

  constructor(root: string, gitPaths: string[]) {
    const args = ['rev-parse', ...gitPaths.flatMap((path) => ['--git-path', path])];
    const result = runGit(root, args);
    this.paths = result.status === 0 ? result.stdout.toString('utf8').trim().split('\n').map((path) => resolve(root, path)) : [];
  }

  read(): string {
    return this.paths.map(readMtime).join('|');
  }
}

function readMtime(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return '-';
  }
}

/** Files that change when HEAD moves (commit, checkout, reset) or refs are fetched. */
export const REVISION_FILES = ['HEAD', 'logs/HEAD', 'FETCH_HEAD', 'packed-refs'];
/** Git's index: changes on checkout, pull, add and commit. */
export const INDEX_FILES = ['index'];
