import type { Finding } from '../model/finding.js';
import type { CompareContext } from './context.js';
import type { CheckDescriptor } from './descriptor.js';
import { formatSites, makeFinding } from './findings.js';
import { forEachJobPair } from './pairs.js';

export const QUEUE_CHANGE = {
  id: 'no-queue-change',
  needsBaseline: true,
  direction: 'old-payload-to-new-worker',
  messages: {
    queueChanged:
      "Job '{{job}}' moves from queue '{{previousQueue}}' to '{{currentQueue}}': jobs in '{{previousQueue}}', and those {{baseline}} sends there, are stranded. Move it in three deploys: (1) make the workers consume both queues; (2) move the job, and acknowledge this report with an eslint-disable comment naming step 1's deploy; (3) stop consuming '{{previousQueue}}' once it is empty.{{drain}}",
  },
  run: checkQueueChanges,
} as const satisfies CheckDescriptor;

/** The framework's default queue, for messages; a job without a declared queue uses it. */
const DEFAULT_QUEUE = '(default)';

/**
 * A job moved to another queue while deployed code enqueues it: jobs waiting in the old
 * queue, or sent there by old web processes, are stranded once no worker listens to it.
 */
function checkQueueChanges(context: CompareContext): Finding[] {
  const findings: Finding[] = [];
  forEachJobPair(context.previous, context.current, ({ previous, current, previousSites }) => {
    if ((previous.queue ?? DEFAULT_QUEUE) === (current.queue ?? DEFAULT_QUEUE) || previousSites.length === 0) return;
    // A name handled on several queues in either version: which one it leaves is not known.
    if (previous.alsoQueues || current.alsoQueues) return;
    findings.push(
      makeFinding(QUEUE_CHANGE, {
        messageId: 'queueChanged',
        job: current,
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
