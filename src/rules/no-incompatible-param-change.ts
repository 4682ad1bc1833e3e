import { INCOMPATIBLE_PARAM_CHANGE } from '../compare/param-changes.js';
import { createRule } from '../util/create-rule.js';
import { markComparisonRuleEnabled } from './file-report.js';
import { getRuleMessages, reportFindings, type RuleMessageIds } from './report-findings.js';

export default createRule<[], RuleMessageIds<typeof INCOMPATIBLE_PARAM_CHANGE>>({
  name: INCOMPATIBLE_PARAM_CHANGE.id,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow removing, reordering, retyping or renaming job parameters and payload fields in one deploy',
      recommended: true,
    },
    schema: [],
    messages: getRuleMessages(INCOMPATIBLE_PARAM_CHANGE),
  },
  defaultOptions: [],
  create(context) {
    markComparisonRuleEnabled(context);
    return {
      Program() {
        reportFindings(context, INCOMPATIBLE_PARAM_CHANGE);
      },
    };
  },
});
