/**
 * Jobs that appear or disappear between the two versions: a job deleted while deployed
 * code enqueues it, a job enqueued before the deployed workers know it, and enqueue sites
 * whose name no job handles.
 */
import type { ContractSet, EnqueueSite, JobContract } from '../model/contract.js';
import type { Finding } from '../model/finding.js';
import type { CompareContext } from './context.js';
import { formatSites, makeFinding } from './findings.js';
import { groupSitesByJob } from './pairs.js';

export const DELETED_ENQUEUED_JOB = 'no-deleted-enqueued-job';
export const PREMATURE_ENQUEUE = 'no-premature-enqueue';
export const UNKNOWN_JOB = 'no-unknown-job';

/** A baseline job whose wire name no current job handles. */
export interface RemovedJob {
  previous: JobContract;
  previousSites: EnqueueSite[];
}

export function getRemovedJobs(context: CompareContext): RemovedJob[] {
  const sitesByJob = groupSitesByJob(context.previous.sites);
  const removed: RemovedJob[] = [];
  for (const [wireName, previous] of context.previous.jobs) {
    if (context.current.jobs.has(wireName) || context.retiredJobs.includes(wireName)) continue;
    // A job file that no longer parses hides its jobs; that is not a deletion.
    if (context.project.isUnparsable(previous.location.file)) continue;
    removed.push({ previous, previousSites: sitesByJob.get(wireName) ?? [] });
  }
  return removed;
}

/**
 * A job deleted while the deployed version still enqueues it: its queued jobs, and those
 * old web processes send during the deploy, reach workers that cannot run them. Reported
 * where it can be seen: on current enqueue sites that still name it, else where the
 * deployed enqueue calls stood, else in the job's former file if it remains.
 */
export function checkDeletedJobs(context: CompareContext, removed: RemovedJob[]): Finding[] {
  const currentSites = groupSitesByJob(context.current.sites);
  const findings: Finding[] = [];
  for (const { previous, previousSites } of removed) {
    if (previousSites.length === 0) continue;
    const data = { sites: formatSites(previousSites), baseline: context.baselineLabel };
    for (const at of getDeletedJobLocations(previous, previousSites, currentSites.get(previous.wireName) ?? [], context)) {
      findings.push(makeFinding({ rule: DELETED_ENQUEUED_JOB, messageId: at.messageId, job: previous, direction: 'old-payload-to-new-worker', at: at.location, data }));
    }
  }
  return findings;
}

function getDeletedJobLocations(
  previous: JobContract,
  previousSites: EnqueueSite[],
  currentSites: EnqueueSite[],
  context: CompareContext,
): Array<{ messageId: string; location: EnqueueSite['location'] }> {
  if (currentSites.length > 0) return currentSites.map((site) => ({ messageId: 'deletedJobStillEnqueued', location: site.location }));
  const formerEnqueuers = new Map<string, EnqueueSite>();
  for (const site of previousSites) {
    if (!formerEnqueuers.has(site.location.file) && context.project.exists(site.location.file)) formerEnqueuers.set(site.location.file, site);
  }
  if (formerEnqueuers.size > 0) return [...formerEnqueuers.values()].map((site) => ({ messageId: 'deletedJob', location: site.location }));
  // A job removed from a file that remains (a registry) is reported there; with no file left to carry it,
  // the finding keeps the job's former place, which ESLint never lints and `safe-jobs check` lists.
  if (context.project.exists(previous.location.file)) return [{ messageId: 'deletedJob', location: { file: previous.location.file, span: FIRST_LINE } }];
  return [{ messageId: 'deletedJob', location: previous.location }];
}

const FIRST_LINE = { start: { line: 1, column: 0 }, end: { line: 1, column: 0 }, range: [0, 0] as [number, number] };

/**
 * An enqueue site of a job that the deployed workers do not handle (a new job, or the new
 * name of a renamed one): web processes of this version can enqueue it before every worker
 * runs this code. The rule's options decide about jobs on queues the old workers never read.
 */
export function checkPrematureEnqueues(context: CompareContext): Finding[] {
  const previousQueues = new Set([...context.previous.jobs.values()].map((job) => job.queue ?? ''));
  const findings: Finding[] = [];
  for (const site of context.current.sites) {
    const job = context.current.jobs.get(site.wireName);
    if (!job || context.previous.jobs.has(site.wireName)) continue;
    findings.push(
      makeFinding({
        rule: PREMATURE_ENQUEUE,
        messageId: 'prematureEnqueue',
        job,
        direction: 'new-payload-to-old-worker',
        at: site.location,
        data: {
          baseline: context.baselineLabel,
          queue: job.queue ?? '',
          isNewQueue: String(!previousQueues.has(job.queue ?? '')),
        },
      }),
    );
  }
  return findings;
}

export interface PrematureEnqueueOptions {
  ignoreNewQueues?: boolean;
  allow?: string[];
}

/** The options of `no-premature-enqueue`, applied the same way by the rule and the command line. */
export function isPrematureEnqueueAllowed(finding: Finding, options: PrematureEnqueueOptions): boolean {
  return ((options.ignoreNewQueues ?? true) && finding.data.isNewQueue === 'true') || (options.allow ?? []).includes(finding.job);
}

/** Enqueue sites naming by string a job that no current code handles (a typo, a deleted job). */
export function checkUnknownJobs(current: ContractSet): Finding[] {
  return current.sites
    .filter((site) => site.nameSource === 'string' && !current.jobs.has(site.wireName))
    .map((site) =>
      makeFinding({ rule: UNKNOWN_JOB, messageId: 'unknownJob', job: site.wireName, direction: 'new-payload-to-old-worker', at: site.location, data: {} }),
    );
}
