/**
 * Rename detection: a baseline job that no current job handles, paired with a current job
 * that is new since the baseline. They pair when their handlers take the same members and
 *  - their handler bodies are similar: estimated Jaccard similarity of the bodies' 3-token
 *    shingles at least RENAME_SIMILARITY, both bodies long enough to say something
 *    (MIN_SHINGLES), so two empty or one-line bodies never pair; or
 *  - the job stayed in the same file (a wire name changed in place, e.g. a static `jobName`)
 *    and it is the only candidate there.
 * A job with several equally good partners is left unpaired: a guess would be a false alarm.
 */
import { findJob, type JobContract } from '../model/contract.js';
import type { Finding } from '../model/finding.js';
import { getAliasEdit } from '../fix/alias.js';
import type { CompareContext, Comparison, RemovedJob, Rename } from './context.js';
import type { CheckDescriptor } from './descriptor.js';
import { formatSites, makeFinding } from './findings.js';
import { getMembers } from './pairs.js';
import { getSimilarity } from './similarity.js';
import { isSameType } from './type-text.js';

export const RENAME_WITHOUT_ALIAS = {
  id: 'no-rename-without-alias',
  needsBaseline: true,
  direction: 'old-payload-to-new-worker',
  messages: {
    renamedWithoutAlias:
      "Job '{{job}}' replaces '{{oldName}}' without an alias: jobs queued under the old name find no handler, and old workers do not know the new one. Rename in three deploys: (1) add '{{job}}' and keep '{{oldName}}' as its alias; (2) switch the enqueuers; (3) delete '{{oldName}}' once nothing deployed enqueues it ({{baseline}}; {{sites}}).{{aliasHint}}{{drain}}",
  },
  run: checkRenames,
} as const satisfies CheckDescriptor;

export const RENAME_SIMILARITY = 0.8;
export const MIN_SHINGLES = 8;

export function findRenames(removed: RemovedJob[], context: CompareContext): Rename[] {
  const added = [...context.current.jobs.values()].filter((job) => !findJob(context.previous.jobs, job) && !context.previous.unreadable?.has(job.location.file));
  const renames: Rename[] = [];
  const taken = new Set<JobContract>();
  for (const candidate of removed) {
    const scored = added
      .filter((job) => !taken.has(job) && hasSameSignature(candidate.previous, job))
      .map((job) => ({ job, score: getRenameScore(candidate.previous, job, added) }))
      .filter(({ score }) => score >= RENAME_SIMILARITY)
      .sort((a, b) => b.score - a.score);
    const [best, second] = scored;
    if (!best || (second && second.score === best.score)) continue;
    taken.add(best.job);
    renames.push({ ...candidate, current: best.job });
  }
  return renames;
}

function getRenameScore(previous: JobContract, current: JobContract, added: JobContract[]): number {
  const { fingerprint: a = [], location } = previous;
  const b = current.fingerprint ?? [];
  if (a.length >= MIN_SHINGLES && b.length >= MIN_SHINGLES) return getSimilarity(a, b);
  const inSameFile = added.filter((job) => job.location.file === location.file);
  return inSameFile.length === 1 && inSameFile[0] === current ? 1 : 0;
}

function hasSameSignature(previous: JobContract, current: JobContract): boolean {
  if (previous.style !== current.style) return false;
  const a = getMembers(previous);
  const b = getMembers(current);
  return (
    a.length === b.length &&
    a.every((member, index) => {
      const other = b[index]!;
      const sameType = member.type === undefined || other.type === undefined || isSameType(member.type, other.type);
      return member.name === other.name && member.optionality === other.optionality && sameType;
    })
  );
}

/**
 * A renamed job whose old wire name nothing handles any more: jobs queued under the old name
 * find no handler in the new workers, and jobs enqueued under the new name reach old
 * workers that do not know it.
 */
function checkRenames(context: Comparison): Finding[] {
  return context.renames.map(({ previous, previousSites, current }) => {
    const alias = getAliasEdit(current, previous.wireName);
    return makeFinding(RENAME_WITHOUT_ALIAS, {
      messageId: 'renamedWithoutAlias',
      job: current,
      at: current.location,
      data: {
        oldName: previous.wireName,
        // Jobs may still be queued, or scheduled elsewhere, where the plugin found no enqueue call.
        sites: previousSites.length > 0 ? `enqueued at ${formatSites(previousSites)}` : 'no enqueue call of it was found',
        baseline: context.baselineLabel,
        aliasHint:
          current.namedBy === 'file'
            ? ` The registry names jobs by their file, so an alias class beside '${current.wireName}' would not be registered: keep a file named '${previous.wireName}' whose default export is the job, and no fix is offered.`
            : '',
      },
      fix: alias ? [alias] : undefined,
    });
  });
}
