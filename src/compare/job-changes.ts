/**
 * Jobs that appear or disappear between the two versions: a job deleted while deployed
 * code enqueues it, a job enqueued before the deployed workers know it, and enqueue sites
 * whose name no job handles.
 */
import { hasUnparsableFile, type ContractSet, type EnqueueSite, findJob, type JobContract } from '../model/contract.js';
import type { Finding } from '../model/finding.js';
import type { CompareContext, Comparison, RemovedJob } from './context.js';
import type { CheckDescriptor, MessageIdOf } from './descriptor.js';
import { formatSites, makeFinding } from './findings.js';
import { getLiveLocation } from './live-location.js';
import { getSitesOfJob } from './pairs.js';
import { getDeployedCallTest } from './producer-checks.js';


export const DELETED_ENQUEUED_JOB = {
  id: 'no-deleted-enqueued-job',
  needsBaseline: true,
  direction: 'old-payload-to-new-worker',
  messages: {
    deletedJob: "Job '{{job}}' is deleted, but the deployed version ({{baseline}}) still enqueues it: its jobs will find no handler. Restore it until a release without its enqueue calls ({{sites}}) is deployed and its queue has drained; a queue known to be empty can be listed in settings['safe-jobs'].retiredJobs.{{drain}}",
    deletedJobStillEnqueued: "This enqueues job '{{job}}', which is deleted: no current code handles it, so these jobs find no handler. Remove this call, and restore the job until no deployed code enqueues it ({{baseline}} does, at {{sites}}).",
  },
  run: checkDeletedJobs,
} as const satisfies CheckDescriptor;

export const PREMATURE_ENQUEUE = {
  id: 'no-premature-enqueue',
  needsBaseline: true,
  direction: 'new-payload-to-old-worker',
  messages: {
    prematureEnqueue:
      "This enqueues job '{{job}}', which old workers ({{baseline}}) do not know: during the deploy they get it and cannot run it. Deploy the job first, and this enqueue call in the next deploy.",
  },
  run: checkPrematureEnqueues,
} as const satisfies CheckDescriptor;

export const UNKNOWN_JOB = {
  id: 'no-unknown-job',
  needsBaseline: false,
  direction: 'new-payload-to-old-worker',
  messages: {
    unknownJob:
      "No job handles '{{job}}': this call enqueues jobs that no worker can run. The job is named by a string, so the type checker cannot see it: fix the name, or add the job before enqueuing it.",
  },
  run: checkUnknownJobs,
} as const satisfies CheckDescriptor;

export function getRemovedJobs(context: CompareContext): RemovedJob[] {
  const sitesOf = getSitesOfJob(context.previous.sites);
  const removed: RemovedJob[] = [];
  for (const previous of context.previous.jobs.values()) {
    if (findJob(context.current.jobs, previous) || context.retiredJobs.includes(previous.wireName)) continue;
    // A job file that no longer parses hides its jobs; that is not a deletion.
    if (context.project.isUnparsable(previous.location.file)) continue;
    removed.push({ previous, previousSites: sitesOf(previous) });
  }
  return removed;
}

/**
 * A job deleted while the deployed version still enqueues it: its queued jobs, and those
 * old web processes send during the deploy, reach workers that cannot run them. Reported
 * where it can be seen: on current enqueue sites that still name it, else where the
 * deployed enqueue calls stood, else in the job's former file if it remains.
 */
function checkDeletedJobs(context: Comparison): Finding[] {
  const currentSitesOf = getSitesOfJob(context.current.sites);
  const findings: Finding[] = [];
  for (const { previous, previousSites } of context.deleted) {
    if (previousSites.length === 0) continue;
    const data = { sites: formatSites(previousSites), baseline: context.baselineLabel };
    for (const at of getDeletedJobLocations(previous, previousSites, currentSitesOf(previous), context)) {
      findings.push(makeFinding(DELETED_ENQUEUED_JOB, { messageId: at.messageId, job: previous, at: at.location, data }));
    }
  }
  return findings;
}

function getDeletedJobLocations(
  previous: JobContract,
  previousSites: EnqueueSite[],
  currentSites: EnqueueSite[],
  context: CompareContext,
): Array<{ messageId: MessageIdOf<typeof DELETED_ENQUEUED_JOB>; location: EnqueueSite['location'] }> {
  if (currentSites.length > 0) return currentSites.map((site) => ({ messageId: 'deletedJobStillEnqueued', location: site.location }));
  const formerEnqueuers = new Map<string, EnqueueSite>();
  for (const site of previousSites) {
    if (!formerEnqueuers.has(site.location.file) && context.project.exists(site.location.file)) formerEnqueuers.set(site.location.file, site);
  }
  if (formerEnqueuers.size > 0) return [...formerEnqueuers.values()].map((site) => ({ messageId: 'deletedJob', location: getLivePlace(site, previous, context) }));
  // A job removed from a file that remains (a registry) is reported there; with no file left to carry it,
  // the finding keeps the job's former place, which ESLint never lints and `safe-jobs check` lists.
  if (context.project.exists(previous.location.file)) return [{ messageId: 'deletedJob', location: { file: previous.location.file, span: FIRST_LINE } }];
  return [{ messageId: 'deletedJob', location: previous.location }];
}

/** A deployed call's place in a file that may have changed since: moved onto the file's current text. */
function getLivePlace(site: EnqueueSite, job: JobContract, context: CompareContext): EnqueueSite['location'] {
  const { location } = site;
  const text = context.project.readText?.(location.file);
  return text === undefined ? location : getLiveLocation(location, text, [job.wireName], `${site.method}(`);
}

const FIRST_LINE = { start: { line: 1, column: 0 }, end: { line: 1, column: 0 }, range: [0, 0] as [number, number] };

/**
 * An enqueue site of a job that the deployed workers do not handle (a new job, or the new
 * name of a renamed one): web processes of this version can enqueue it before every worker
 * runs this code. The rule's options decide about jobs on queues the old workers never read.
 */
function checkPrematureEnqueues(context: CompareContext): Finding[] {
  const previousQueues = new Set([...context.previous.jobs.values()].map((job) => job.queue ?? ''));
  const wasDeployed = getDeployedCallTest(context.previous.sites);
  const findings: Finding[] = [];
  for (const site of context.current.sites) {
    const job = findJob(context.current.jobs, site);
    if (!job || findJob(context.previous.jobs, site)) continue;
    // The framework keeps the job queued until a worker that knows it runs: nothing fails.
    if (job.unknownJob === 'waits') continue;
    // The baseline's copy of the job's file could not be read: the job may well be deployed.
    if (context.previous.unreadable?.has(job.location.file)) continue;
    // The same call was deployed already: this change does not make it premature.
    if (wasDeployed(site)) continue;
    findings.push(
      makeFinding(PREMATURE_ENQUEUE, {
        messageId: 'prematureEnqueue',
        job,
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
function checkUnknownJobs(current: ContractSet): Finding[] {
  // A file that does not parse may define the job: ESLint reports that file's error, and no name is unknown meanwhile.
  if (hasUnparsableFile(current)) return [];
  return current.sites
    .filter((site) => site.nameSource === 'string' && !findJob(current.jobs, site))
    .map((site) => makeFinding(UNKNOWN_JOB, { messageId: 'unknownJob', job: site.wireName, at: site.location, data: {} }));
}
