/**
 * Where the deployed versions come from: git revisions (each taken at its merge-base with
 * HEAD), snapshot files, or a window of deploy tags. Several baselines stand for every version
 * whose jobs may still be queued (the drain window). Contracts are cached per baseline commit
 * for the life of the process, and revisions are looked up again now and then, since editor
 * sessions last hours.
 */
import { getAdapterSet, getCandidatePattern } from '../adapters/adapter-set.js';
import type { ContractSet } from '../model/contract.js';
import { parseSnapshot, SnapshotError } from '../model/snapshot.js';
import type { FactsCache } from '../project/facts-cache.js';
import type { ProjectLocation } from '../project/locate.js';
import type { WorkingTreeSource } from '../project/working-tree-source.js';
import { loadProject } from '../project/load-project.js';
import type { BaselineSpec, SafeJobsSettings, TagWindow } from '../settings.js';
import { GitError, getMergeBase, getRawParents, getRevisionRefusal, isBareRepository, isBranchRevision, isShallowRepository, listRemotes, listTags, resolveCommit } from '../git/git.js';
import { selectTagWindow } from './tag-window.js';
import { GitTreeSource } from './git-source.js';
import { readSnapshotFile } from './snapshot-file.js';
import { getRemoteRefFolders, GitStamp, REVISION_FILES } from '../git/git-stamp.js';

export interface Baseline {
  set: ContractSet;
  /** How messages name it. */
  label: string;
  /** Changes whenever the baseline's contracts may have changed. */
  key: string;
}

/** Every baseline, in the order configured (duplicates of one commit or file once), or why one cannot be read. */
export type BaselineResult = { baselines: Baseline[] } | { problem: string };

type OneResult = { baseline: Baseline } | { problem: string };

export const DEFAULT_REVISIONS = ['origin/HEAD', 'origin/main', 'origin/master', 'main', 'master'];

/**
 * How long a resolved revision is trusted before `git rev-parse` runs again, unless git's
 * files show a commit, checkout or fetch sooner (refs updated by other means wait this long).
 */
const REVISION_TTL_MS = 30_000;

/** How long git's revision files are trusted without a `stat` while its index stays still (a fetch moves only them). */
const STAMP_INTERVAL_MS = 1_000;

export class BaselineProvider {
  private resolved?: { at: number; checkedAt: number; stamp: string; result: BaselineResult };
  private readonly stamp?: GitStamp;
  private readonly setsByCommit = new Map<string, ContractSet>();
  private readonly snapshots = new Map<string, { stamp: string; result: OneResult }>();

  constructor(
    private readonly location: ProjectLocation,
    private readonly settings: SafeJobsSettings,
    private readonly cache: FactsCache,
    /** The working tree, whose unchanged files the baseline shares; without it every file is read from git. */
    private readonly worktree?: WorkingTreeSource,
  ) {
    if (location.isGit) this.stamp = new GitStamp(location.root, [...REVISION_FILES, ...getRemoteRefFolders(listRemotesOrNone(location.root))]);
  }

  /**
   * The baseline, its revision looked up again when git's files show a change. Those are
   * checked at most every STAMP_INTERVAL_MS unless `indexMoved` (a commit, checkout or pull
   * also moves git's index, which the caller checks for every file anyway).
   */
  get(now = Date.now(), indexMoved = true): BaselineResult {
    if (this.resolved && !indexMoved && now - this.resolved.checkedAt < STAMP_INTERVAL_MS) return this.resolved.result;
    const stamp = this.stamp?.read() ?? '';
    if (this.resolved && this.resolved.stamp === stamp && now - this.resolved.at < REVISION_TTL_MS) {
      this.resolved.checkedAt = now;
      return this.resolved.result;
    }
    const result = this.load();
    this.resolved = { at: now, checkedAt: now, stamp, result };
    return result;
  }

  /** Every configured baseline; one that cannot be read fails them all (a version whose jobs are unknown is not a version without jobs). */
  private load(): BaselineResult {
    const specs: ReadonlyArray<BaselineSpec | undefined> = this.settings.baseline ?? [undefined];
    const baselines: Baseline[] = [];
    for (const spec of specs) {
      const result = this.loadSpec(spec);
      if ('problem' in result) return specs.length > 1 && typeof spec === 'string' ? { problem: `baseline ${JSON.stringify(spec)}: ${result.problem}` } : result;
      for (const baseline of result.baselines) if (!baselines.some((known) => known.key === baseline.key)) baselines.push(baseline);
    }
    return { baselines };
  }

  private loadSpec(spec: BaselineSpec | undefined): BaselineResult {
    try {
      if (typeof spec === 'object') return this.loadTagWindow(spec);
      const result = spec && isSnapshotPath(spec) ? this.loadSnapshot(spec) : this.loadFromGit(spec);
      return 'problem' in result ? result : { baselines: [result.baseline] };
    } catch (error) {
      // Anything else is a bug of the plugin: it reaches the rules as an internal error, never as a baseline that is merely missing.
      if (error instanceof GitError || error instanceof SnapshotError) return { problem: error.message };
      throw error;
    }
  }

  private loadSnapshot(configured: string): OneResult {
    const read = readSnapshotFile(configured, this.location);
    if ('problem' in read) return read;
    const known = this.snapshots.get(read.path);
    if (known?.stamp === read.stamp) return known.result;
    const adapters = getAdapterSet(this.settings.pattern);
    const { set, source } = parseSnapshot(read.text, configured, (adapter) => adapters.frameworks.get(adapter));
    const origin = source.revision ? ` (${source.revision}${source.commit ? ` at ${source.commit.slice(0, 7)}` : ''})` : '';
    const result: OneResult = { baseline: { set, label: `snapshot ${configured}${origin}`, key: `snapshot:${read.path}:${read.stamp}` } };
    this.snapshots.set(read.path, { stamp: read.stamp, result });
    return result;
  }

  /** The deploy tags of the window, each a baseline: the versions that ran within it. */
  private loadTagWindow(window: TagWindow): BaselineResult {
    const problem = this.getGitProblem() ?? getTagPatternRefusal(window.tags);
    if (problem) return { problem };
    const tags = selectTagWindow(listTags(this.location.root, window.tags), window, Date.now());
    if (tags.length === 0) {
      return {
        problem: `no tag matches ${JSON.stringify(window.tags)} in this clone, so the deployed versions are unknown. Tag each deploy (see docs/ci.md, "Drain window"), and fetch the tags in CI (\`git fetch --tags\`).`,
      };
    }
    const baselines: Baseline[] = [];
    for (const tag of tags) {
      const result = this.loadFromGit(tag.name);
      if ('problem' in result) return { problem: `tag ${tag.name}: ${result.problem}` };
      baselines.push(result.baseline);
    }
    return { baselines };
  }

  /** Why git cannot give a baseline here, if it cannot. */
  private getGitProblem(): string | undefined {
    const { root, isGit } = this.location;
    if (!isGit && isBareRepository(this.location.cwd)) {
      return `${this.location.cwd} is a bare repository: it has no working tree to compare with a baseline. Lint a clone or a worktree of it (\`git worktree add <folder>\`).`;
    }
    if (!isGit) {
      return `${root} is not inside a git repository, so there is no baseline to compare with. Run ESLint inside the repository, or set \`baseline\` to a snapshot file written by \`safe-jobs snapshot\`.`;
    }
    return undefined;
  }

  private loadFromGit(configured: string | undefined): OneResult {
    const { root } = this.location;
    const gitProblem = this.getGitProblem();
    if (gitProblem) return { problem: gitProblem };
    const refusal = configured === undefined ? undefined : getRevisionRefusal(configured);
    if (refusal) return { problem: `the baseline revision ${JSON.stringify(configured)} was refused: ${refusal}. Set \`baseline\` to a branch, tag or commit id.` };
    const found = configured === undefined ? findDefaultRevision(root) : { revision: configured, commit: resolveCommit(root, configured) };
    if (!found) {
      return {
        problem: `no baseline revision was found: none of ${DEFAULT_REVISIONS.join(', ')} exists in this clone. ${this.getFetchHint('main')} Or set \`baseline\` (or SAFE_JOBS_BASELINE) to the deployed revision.`,
      };
    }
    const { revision, commit } = found;
    if (!commit) {
      // A short commit id that git cannot resolve may be ambiguous as well as absent.
      const shortId = /^[0-9a-f]{4,39}$/i.test(revision) ? ' If it is a short commit id, it may also be ambiguous: use the full id.' : '';
      return {
        problem: `the baseline revision '${revision}' does not exist in this clone.${shortId} ${this.getFetchHint(revision)} Or set \`baseline\` (or SAFE_JOBS_BASELINE) to a revision that exists.`,
      };
    }
    const head = resolveCommit(root, 'HEAD');
    // A commit is its own merge-base with itself: no process for the common case of a baseline at HEAD.
    const mergeBase = head === commit ? commit : head ? getMergeBase(root, commit, head) : undefined;
    const unjoined = head && !mergeBase && commit !== head ? this.getUnjoinedProblem(revision, commit, head) : undefined;
    if (unjoined) return { problem: unjoined };
    const effective = mergeBase ?? commit;
    const label = mergeBase && mergeBase !== commit ? `${revision} (merge-base ${effective.slice(0, 7)})` : `${revision} at ${effective.slice(0, 7)}`;
    let set = this.setsByCommit.get(effective) ?? this.cache.getContracts(effective);
    if (!set) {
      const source = new GitTreeSource(root, effective, getCandidatePattern(this.settings.pattern), this.worktree);
      set = loadProject(source, this.cache).contracts;
      this.cache.putContracts(effective, set);
    }
    this.setsByCommit.set(effective, set);
    return { baseline: { set, label, key: `git:${effective}` } };
  }

  /**
   * How to bring the revision in, naming only a remote this clone has. A branch is fetched with
   * an explicit refspec: in a single-branch clone (what `--depth` clones are), `git fetch origin
   * main` writes only FETCH_HEAD, and `origin/main` never appears.
   */
  private getFetchHint(revision: string): string {
    const remotes = listRemotes(this.location.root);
    const remote = remotes.find((name) => revision.startsWith(`${name}/`)) ?? (remotes.includes('origin') ? 'origin' : remotes[0]);
    const shallow = isShallowRepository(this.location.root);
    if (remote === undefined) {
      return shallow
        ? 'This is a shallow clone with no remote: fetch the base from the repository it came from (`git fetch --depth=1 <url> <branch>`), or clone with fetch-depth: 0.'
        : 'This clone has no remote to fetch it from.';
    }
    const depth = shallow ? '--depth=1 ' : '';
    const branchFetch = (branch: string) => `\`git fetch ${depth}${remote} ${branch}:refs/remotes/${remote}/${branch}\``;
    let command: string;
    if (revision.startsWith(`${remote}/`)) command = branchFetch(revision.slice(remote.length + 1));
    else if (DEFAULT_BRANCHES.includes(revision)) command = `${branchFetch(revision)} (then it is \`${remote}/${revision}\`)`;
    else if (/^[0-9a-f]{40}$/i.test(revision)) command = `\`git fetch ${depth}${remote} ${revision}\``;
    else command = `\`git fetch ${depth}${remote} tag ${revision}\` if it is a tag; a branch with ${branchFetch(revision)}, named \`${remote}/${revision}\``;
    return shallow ? `This is a shallow clone: fetch the base with ${command} (or check out with fetch-depth: 0).` : `Fetch it with ${command}.`;
  }

  /**
   * Without a merge-base, a branch's tip is not what this branch started from: jobs added there
   * since would look deleted by this branch. The tip is right only where HEAD is made on it (a
   * pull request's merge commit, whose parent it is, even in a shallow clone). A tag or a commit
   * (a deployed version) without a merge-base is compared as it is; with one, it is taken there
   * like any revision.
   */
  private getUnjoinedProblem(revision: string, commit: string, head: string): string | undefined {
    const { root } = this.location;
    if (!isBranchRevision(root, revision) || getRawParents(root, head).includes(commit)) return undefined;
    const shallow = isShallowRepository(root);
    const remedy = shallow
      ? 'Fetch the history that joins them (`git fetch --unshallow`, or check out with fetch-depth: 0),'
      : 'Compare with a common ancestor of the two,';
    return `'${revision}' and HEAD have no common ancestor in this clone${shallow ? ' (a shallow clone)' : ''}: compared with the tip of '${revision}', what was added there after this branch left it would look removed by this branch. ${remedy} or set \`baseline\` to the deployed tag or commit, which is compared as it is.`;
  }
}

/** The remotes, or none where git refuses the repository (the baseline then says why). */
function listRemotesOrNone(root: string): string[] {
  try {
    return listRemotes(root);
  } catch (error) {
    if (error instanceof GitError) return [];
    throw error;
  }
}

/** Branch names the default revisions stand for: fetched as remote-tracking branches. */
const DEFAULT_BRANCHES = ['main', 'master'];

function findDefaultRevision(root: string): { revision: string; commit: string } | undefined {
  for (const revision of DEFAULT_REVISIONS) {
    const commit = resolveCommit(root, revision);
    if (commit) return { revision, commit };
  }
  return undefined;
}

/** A tag pattern is a ref pattern: the same characters as a revision, plus git's globs. */
function getTagPatternRefusal(pattern: string): string | undefined {
  const refusal = getRevisionRefusal(pattern);
  return refusal ? `the tag pattern ${JSON.stringify(pattern)} was refused: ${refusal}.` : undefined;
}

export function isSnapshotPath(baseline: string): boolean {
  return baseline.endsWith('.json');
}
