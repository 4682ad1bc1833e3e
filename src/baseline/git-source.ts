import { LINTABLE_EXTENSIONS } from '../adapters/parse-file.js';
import type { FileSource } from '../project/load-project.js';
import { grepFiles, readBlobs } from './git.js';

/** The files of one commit: narrowed by `git grep` on the tree, read with one `git cat-file --batch`. */
export class GitTreeSource implements FileSource {
  constructor(
    private readonly root: string,
    private readonly commit: string,
    private readonly scope: string,
    private readonly candidatePattern: string,
  ) {}

  listCandidates(): string[] {
    return grepFiles(this.root, this.candidatePattern, this.scope, LINTABLE_EXTENSIONS, this.commit);
  }

  readFiles(paths: string[]): Map<string, string> {
    return readBlobs(this.root, this.commit, paths);
  }
}
