import { isPrematureEnqueueAllowed, PREMATURE_ENQUEUE, type PrematureEnqueueOptions } from '../compare/job-changes.js';
import { createRule } from '../util/create-rule.js';
import { BASELINE_UNAVAILABLE_MESSAGE, reportFindings } from './report-findings.js';

type Options = [PrematureEnqueueOptions];

export default createRule<Options, 'prematureEnqueue' | 'baselineUnavailable'>({
  name: PREMATURE_ENQUEUE,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow enqueuing a job in the same deploy that introduces its handler',
      recommended: true,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignoreNewQueues: {
            type: 'boolean',
            description: 'Allow jobs on a queue that no job of the deployed version uses: the old workers do not consume it.',
          },
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Wire names that may be enqueued at once (e.g. jobs whose old workers are stopped before the deploy).',
          },
        },
      },
    ],
    messages: {
      prematureEnqueue:
        "This enqueues job '{{job}}', which the workers of the deployed version ({{baseline}}) do not know: during the deploy, web processes running this code send it to old workers that cannot run it. Deploy the job first and this enqueue call in the next deploy (step 1: the handler; step 2: the enqueuers).",
      baselineUnavailable: BASELINE_UNAVAILABLE_MESSAGE,
    },
  },
  defaultOptions: [{ ignoreNewQueues: true, allow: [] }],
  create(context, [options]) {
    return {
      Program() {
        reportFindings(context, PREMATURE_ENQUEUE, { filter: (finding) => !isPrematureEnqueueAllowed(finding, options) });
      },
    };
  },
});
