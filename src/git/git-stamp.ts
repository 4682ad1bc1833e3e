import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { GitError, runGit } from './git.js';

/**
 * A cheap fingerprint of git files that change when the repository moves under a
 * long-lived process: a few `stat` calls instead of starting git on every linted file.
 */
export class GitStamp {
  private readonly paths: string[];

  constructor(root: string, gitPaths: string[]) {
    const args = ['rev-parse', ...gitPaths.flatMap((path) => ['--git-path', path])];
    let paths: string[] = [];
    try {
      const result = runGit(root, args);
      if (result.status === 0) paths = result.stdout.toString('utf8').trim().split('\n').map((path) => resolve(root, path));
    } catch (error) {
      // Without git there is nothing to watch; the baseline reports why it cannot be read.
      if (!(error instanceof GitError)) throw error;
    }
    this.paths = paths;
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

/**
 * Files that change when HEAD moves (commit, checkout, reset) or refs are fetched, and the
 * folders of tags and remote-tracking branches (a ref written there renames a file into the
 * folder, which moves its mtime): a push that moves `origin/main`, or a tag fetched, is seen.
 */
export const REVISION_FILES = ['HEAD', 'logs/HEAD', 'FETCH_HEAD', 'packed-refs', 'refs/tags', 'refs/remotes'];

/** The folder of each remote's tracking branches (`refs/remotes/origin`), watched with REVISION_FILES. */
export function getRemoteRefFolders(remotes: readonly string[]): string[] {
  return remotes.map((remote) => `refs/remotes/${remote}`);
}
/** Git's index: changes on checkout, pull, add and commit. */
export const INDEX_FILES = ['index'];
