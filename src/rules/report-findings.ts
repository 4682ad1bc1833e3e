import type { TSESLint } from '@typescript-eslint/utils';
import type { Finding } from '../model/finding.js';
import { getFindingsFor, takeBaselineProblem } from './file-report.js';

/** The message every baseline-dependent rule carries for when no baseline can be read. */
export const BASELINE_UNAVAILABLE_MESSAGE = 'safe-jobs has no baseline to compare with, so this rule did not run: {{reason}}';

/**
 * Reports the engine's findings of one rule in the linted file, each with its fix, and the
 * baseline problem where this rule is the one to carry it.
 */
export function reportFindings<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  rule: string,
  options: { needsBaseline: boolean } = { needsBaseline: true },
): void {
  const problem = options.needsBaseline ? takeBaselineProblem(context, false) : undefined;
  if (problem) {
    context.report({ loc: { line: 1, column: 0 }, messageId: 'baselineUnavailable' as MessageIds, data: { reason: problem } });
    return;
  }
  const textLength = context.sourceCode.text.length;
  for (const finding of getFindingsFor(context, rule)) {
    context.report({
      loc: { start: finding.span.start, end: finding.span.end },
      messageId: finding.messageId as MessageIds,
      data: finding.data,
      fix: isApplicable(finding, textLength)
        ? (fixer) => finding.fix!.map((edit) => fixer.replaceTextRange(edit.range, edit.text))
        : null,
    });
  }
}

function isApplicable(finding: Finding, textLength: number): boolean {
  return finding.fix !== undefined && finding.fix.every((edit) => edit.range[0] >= 0 && edit.range[1] <= textLength);
}
