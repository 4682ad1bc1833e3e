import { getCandidatePattern } from '../adapters/adapter-set.js';
import { getRepositoryRoot, getRevisionRefusal, resolveCommit } from '../git/git.js';
import { GitTreeSource } from '../baseline/git-source.js';
import type { ContractSet } from '../model/contract.js';
import { serializeSnapshot } from '../model/snapshot.js';
import { FactsCache } from '../project/facts-cache.js';
import { type FileSource, loadProject } from '../project/load-project.js';
import { WorkingTreeSource } from '../project/working-tree-source.js';
import type { SafeJobsSettings } from '../settings.js';

export class UsageError extends Error {}

/** The contracts of a revision (`ref`) or of the working tree, as snapshot JSON. */
export function createSnapshot(cwd: string, settings: SafeJobsSettings, ref?: string): string {
  const root = getRepositoryRoot(cwd);
  const pattern = getCandidatePattern(settings.pattern);
  const cache = new FactsCache(settings.pattern, settings.patternKey);
  let source: FileSource;
  let commit: string | undefined;
  if (ref !== undefined) {
    if (!root) throw new UsageError(`${cwd} is not inside a git repository, so --ref cannot be read.`);
    const refusal = getRevisionRefusal(ref);
    if (refusal) throw new UsageError(`the revision ${JSON.stringify(ref)} was refused: ${refusal}.`);
    commit = resolveCommit(root, ref);
    if (!commit) throw new UsageError(`the revision '${ref}' does not exist in this clone. Fetch it first (git fetch origin ${ref.replace(/^origin\//, '')}).`);
    source = new GitTreeSource(root, commit, pattern);
  } else {
    source = new WorkingTreeSource(root ?? cwd, pattern, root !== undefined);
  }
  const set: ContractSet = loadProject(source, cache).contracts;
  return serializeSnapshot(set, { ...(ref !== undefined ? { revision: ref } : {}), ...(commit ? { commit } : {}) });
}

