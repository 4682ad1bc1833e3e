import { isPrematureEnqueueAllowed, PREMATURE_ENQUEUE, type PrematureEnqueueOptions } from '../compare/job-changes.js';
import { createRule } from '../util/create-rule.js';
import { markComparisonRuleEnabled } from './file-report.js';
import { getRuleMessages, reportFindings, type RuleMessageIds } from './report-findings.js';

type Options = [PrematureEnqueueOptions];

export default createRule<Options, RuleMessageIds<typeof PREMATURE_ENQUEUE>>({
  name: PREMATURE_ENQUEUE.id,
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
    messages: getRuleMessages(PREMATURE_ENQUEUE),
  },
  defaultOptions: [{ ignoreNewQueues: true, allow: [] }],
  create(context, [options]) {
    markComparisonRuleEnabled(context);
    return {
      Program() {
        reportFindings(context, PREMATURE_ENQUEUE, { filter: (finding) => !isPrematureEnqueueAllowed(finding, options) });
      },
    };
  },
});
