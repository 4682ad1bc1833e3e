import { QUEUE_CHANGE } from '../compare/queue-change.js';
import { createRule } from '../util/create-rule.js';
import { markComparisonRuleEnabled } from './file-report.js';
import { getRuleMessages, reportFindings, type RuleMessageIds } from './report-findings.js';

export default createRule<[], RuleMessageIds<typeof QUEUE_CHANGE>>({
  name: QUEUE_CHANGE.id,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow moving a job to another queue while deployed code still enqueues it',
      recommended: true,
    },
    schema: [],
    messages: getRuleMessages(QUEUE_CHANGE),
  },
  defaultOptions: [],
  create(context) {
    markComparisonRuleEnabled(context);
    return {
      Program() {
        reportFindings(context, QUEUE_CHANGE);
      },
    };
  },
});
