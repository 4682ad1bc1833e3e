import { NEW_REQUIRED_PARAM } from '../compare/new-required-param.js';
import { createRule } from '../util/create-rule.js';
import { markComparisonRuleEnabled } from './file-report.js';
import { getRuleMessages, reportFindings, type RuleMessageIds } from './report-findings.js';

export default createRule<[], RuleMessageIds<typeof NEW_REQUIRED_PARAM>>({
  name: NEW_REQUIRED_PARAM.id,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow handler parameters and payload fields that become required before every deployed enqueuer passes them',
      recommended: true,
    },
    fixable: 'code',
    schema: [],
    messages: getRuleMessages(NEW_REQUIRED_PARAM),
  },
  defaultOptions: [],
  create(context) {
    markComparisonRuleEnabled(context);
    return {
      Program() {
        reportFindings(context, NEW_REQUIRED_PARAM);
      },
    };
  },
});
