import { RENAME_WITHOUT_ALIAS } from '../compare/renames.js';
import { createRule } from '../util/create-rule.js';
import { markComparisonRuleEnabled } from './file-report.js';
import { getRuleMessages, reportFindings, type RuleMessageIds } from './report-findings.js';

export default createRule<[], RuleMessageIds<typeof RENAME_WITHOUT_ALIAS>>({
  name: RENAME_WITHOUT_ALIAS.id,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow renaming a job without keeping its old wire name handled',
      recommended: true,
    },
    fixable: 'code',
    schema: [],
    messages: getRuleMessages(RENAME_WITHOUT_ALIAS),
  },
  defaultOptions: [],
  create(context) {
    markComparisonRuleEnabled(context);
    return {
      Program() {
        reportFindings(context, RENAME_WITHOUT_ALIAS);
      },
    };
  },
});
