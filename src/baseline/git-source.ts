import { isLintablePath } from '../model/paths.js';
import type { FileSource } from '../project/load-project.js';
import type { WorkingTreeSource } from '../project/working-tree-source.js';
import { listChangedFiles, listTreeFiles, readBlobs } from '../git/git.js';

/**
 * The files of one commit. With the working tree at hand, only the files that differ from it
 * are read from git (one `git diff`, one `git cat-file --batch`): every other file is the
 * working tree's own, whose candidates are already known and whose facts are already cached
 * by content. Without it, every lintable blob of the tree is read in one batch and filtered here.
 */
export class GitTreeSource implements FileSource {
  /** Paths that differ from the working tree, each with whether the commit has it. */
  private changed?: Map<string, boolean>;
  private treePaths?: string[];
  private readonly oversized = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly commit: string,
    private readonly candidatePattern: string,
    private readonly worktree?: WorkingTreeSource,
  ) {}

  readCandidates(): Map<string, string> {
    const test = new RegExp(this.candidatePattern);
    const matching = (texts: Map<string, string>) => new Map([...texts].filter(([, text]) => test.test(text)));
    if (!this.worktree) return matching(readBlobs(this.root, this.commit, this.listTree().filter(isLintablePath), this.oversized));
    const changed = this.getChanged();
    const worktree = this.worktree;
    const same = worktree.getCandidates().filter((path) => !changed.has(path) && worktree.isTracked(path));
    const inCommit = [...changed].filter(([path, present]) => present && isLintablePath(path)).map(([path]) => path);
    return new Map([...worktree.readFiles(same), ...matching(readBlobs(this.root, this.commit, inCommit, this.oversized))]);
  }

  readFiles(paths: string[]): Map<string, string> {
    const worktree = this.worktree;
    if (!worktree) return readBlobs(this.root, this.commit, paths, this.oversized);
    const changed = this.getChanged();
    // A path of the commit is either in the index unchanged or listed by the diff: any other
    // path (an untracked file, a module path that was only a guess) is not in the commit.
    const fromDisk = paths.filter((path) => !changed.has(path) && worktree.isTracked(path));
    const fromGit = paths.filter((path) => changed.get(path) === true);
    return new Map([...worktree.readFiles(fromDisk), ...(fromGit.length > 0 ? readBlobs(this.root, this.commit, fromGit, this.oversized) : [])]);
  }

  /** Every path of the commit: the working tree's tracked files as the diff corrects them, or the tree itself. */
  listPaths(): ReadonlySet<string> {
    const worktree = this.worktree;
    if (!worktree) return new Set(this.listTree());
    const changed = this.getChanged();
    const paths = new Set([...worktree.listTracked()].filter((path) => !changed.has(path)));
    for (const [path, present] of changed) if (present) paths.add(path);
    return paths;
  }

  /** Files over the limit, in the commit or (for the files it shares) on disk. */
  getOversized(): ReadonlySet<string> {
    const shared = this.worktree ? [...this.worktree.getOversized()].filter((path) => !this.changed?.has(path)) : [];
    return new Set([...this.oversized, ...shared]);
  }

  private getChanged(): Map<string, boolean> {
    this.changed ??= listChangedFiles(this.root, this.commit);
    return this.changed;
  }

  private listTree(): string[] {
    this.treePaths ??= listTreeFiles(this.root, this.commit);
    return this.treePaths;
  }
}
