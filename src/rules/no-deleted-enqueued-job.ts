import { DELETED_ENQUEUED_JOB } from '../compare/job-changes.js';
import { createRule } from '../util/create-rule.js';
import { markComparisonRuleEnabled } from './file-report.js';
import { getRuleMessages, reportFindings, type RuleMessageIds } from './report-findings.js';

export default createRule<[], RuleMessageIds<typeof DELETED_ENQUEUED_JOB>>({
  name: DELETED_ENQUEUED_JOB.id,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow deleting a job while the deployed version still enqueues it',
      recommended: true,
    },
    schema: [],
    messages: getRuleMessages(DELETED_ENQUEUED_JOB),
  },
  defaultOptions: [],
  create(context) {
    markComparisonRuleEnabled(context);
    return {
      Program() {
        reportFindings(context, DELETED_ENQUEUED_JOB);
      },
    };
  },
});
