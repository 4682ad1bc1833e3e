import { createRule } from '../util/create-rule.js';
import { getFileReport, markBaselineRuleEnabled, takeBaselineProblem } from './file-report.js';

export const REQUIRE_BASELINE = 'require-baseline';

export default createRule<[], 'baselineUnavailable' | 'unknownInBaseline'>({
  name: REQUIRE_BASELINE,
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a readable baseline, and report once per job file why the comparison rules cannot run',
      recommended: true,
    },
    schema: [],
    messages: {
      baselineUnavailable: 'safe-jobs has no baseline to compare with, so the job-contract rules did not run on this file: {{reason}}',
      unknownInBaseline:
        "safe-jobs could not read this file in the baseline ({{baseline}}: {{reason}}): no change to its jobs is reported. Keep job files under the size limit and parsable to have them checked.",
    },
  },
  defaultOptions: [],
  create(context) {
    // Set while rules are created, before any listener runs, so the other rules leave the report to this one.
    markBaselineRuleEnabled(context);
    return {
      Program() {
        const problem = takeBaselineProblem(context, true);
        if (problem) context.report({ loc: { line: 1, column: 0 }, messageId: 'baselineUnavailable', data: { reason: problem } });
        const unknown = getFileReport(context).unknownInBaseline;
        if (unknown) context.report({ loc: { line: 1, column: 0 }, messageId: 'unknownInBaseline', data: unknown });
      },
    };
  },
});
