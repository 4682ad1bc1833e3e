import { UNKNOWN_JOB } from '../compare/job-changes.js';
import { createRule } from '../util/create-rule.js';
import { getRuleMessages, reportFindings, type RuleMessageIds } from './report-findings.js';

export default createRule<[], RuleMessageIds<typeof UNKNOWN_JOB>>({
  name: UNKNOWN_JOB.id,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow enqueuing a job by a name that no job handles',
      recommended: true,
    },
    schema: [],
    messages: getRuleMessages(UNKNOWN_JOB),
  },
  defaultOptions: [],
  create(context) {
    return {
      Program() {
        reportFindings(context, UNKNOWN_JOB);
      },
    };
  },
});
