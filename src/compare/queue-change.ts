import type { Finding } from '../model/finding.js';
import type { CompareContext } from './context.js';
import { formatSites, makeFinding } from './findings.js';
import { forEachJobPair } from './pairs.js';

export const QUEUE_CHANGE = 'no-queue-change';

/** The framework's default queue, for messages; a job without a declared queue uses it. */
const DEFAULT_QUEUE = '(default)';

/**
 * A job moved to another queue while deployed code enqueues it: jobs waiting in the old
 * queue, or sent there by old web processes, are stranded once no worker listens to it.
 */
export function checkQueueChanges(context: CompareContext): Finding[] {
  const findings: Finding[] = [];
  forEachJobPair(context.previous, context.current, ({ previous, current, previousSites }) => {
    if ((previous.queue ?? DEFAULT_QUEUE) === (current.queue ?? DEFAULT_QUEUE) || previousSites.length === 0) return;
    findings.push(
      makeFinding({
        rule: QUEUE_CHANGE,
        messageId: 'queueChanged',
        job: current,
        direction: 'old-payload-to-new-worker',
        at: current.location,
        data: {
          previousQueue: previous.queue ?? DEFAULT_QUEUE,
          currentQueue: current.queue ?? DEFAULT_QUEUE,
          sites: formatSites(previousSites),
          baseline: context.baselineLabel,
        },
      }),
    );
  });
  return findings;
}
