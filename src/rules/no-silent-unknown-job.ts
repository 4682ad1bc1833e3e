import { SILENT_UNKNOWN_JOB } from '../compare/silent-unknown-job.js';
import { createRule } from '../util/create-rule.js';
import { getRuleMessages, reportFindings, type RuleMessageIds } from './report-findings.js';

export default createRule<[], RuleMessageIds<typeof SILENT_UNKNOWN_JOB>>({
  name: SILENT_UNKNOWN_JOB.id,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow queue processors that complete jobs whose name they do not handle',
      recommended: true,
    },
    schema: [],
    messages: getRuleMessages(SILENT_UNKNOWN_JOB),
  },
  defaultOptions: [],
  create(context) {
    return {
      Program() {
        reportFindings(context, SILENT_UNKNOWN_JOB);
      },
    };
  },
});
