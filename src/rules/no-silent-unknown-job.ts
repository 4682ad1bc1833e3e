import { SILENT_UNKNOWN_JOB } from '../compare/silent-unknown-job.js';
import { createRule } from '../util/create-rule.js';
import { reportFindings } from './report-findings.js';

export default createRule<[], 'silentSwitch' | 'silentIf' | 'silentMap'>({
  name: SILENT_UNKNOWN_JOB,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow queue processors that complete jobs whose name they do not handle',
      recommended: true,
    },
    schema: [],
    messages: {
      silentSwitch:
        '{{processor}} dispatches on job.name with a switch that has no throwing default: a job under any name other than {{names}} (a deleted or renamed job still queued, or one enqueued by code deployed ahead of these workers) is marked completed without running, and nothing reports it. Add `default: throw new Error(`Unknown job ${job.name}`)` so that such a job fails and stays in the failed set, where it can be retried once a worker handles it.',
      silentIf:
        '{{processor}} dispatches on job.name with an if chain that ends without a throw: a job under any name other than {{names}} (a deleted or renamed job still queued, or one enqueued by code deployed ahead of these workers) is marked completed without running, and nothing reports it. End the chain with `throw new Error(`Unknown job ${job.name}`)` so that such a job fails and stays in the failed set, where it can be retried once a worker handles it.',
      silentMap:
        '{{processor}} looks up its handler by job.name and completes the job when the lookup finds none: a job under any name other than {{names}} (a deleted or renamed job still queued, or one enqueued by code deployed ahead of these workers) is marked completed without running, and nothing reports it. Throw when no handler is found (`if (!handler) throw new Error(`Unknown job ${job.name}`)`) so that such a job fails and stays in the failed set, where it can be retried once a worker handles it.',
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      Program() {
        reportFindings(context, SILENT_UNKNOWN_JOB, { needsBaseline: false });
      },
    };
  },
});
