import type { TSESLint } from '@typescript-eslint/utils';
import type { Position } from '../model/facts.js';
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
  options: { needsBaseline?: boolean; filter?: (finding: Finding) => boolean } = {},
): void {
  const problem = options.needsBaseline !== false ? takeBaselineProblem(context, false) : undefined;
  if (problem) {
    context.report({ loc: { line: 1, column: 0 }, messageId: 'baselineUnavailable' as MessageIds, data: { reason: problem } });
    return;
  }
  const textLength = context.sourceCode.text.length;
  for (const finding of getFindingsFor(context, rule)) {
    if (options.filter && !options.filter(finding)) continue;
    context.report({
      loc: getLocation(finding, context.sourceCode.lines),
      messageId: finding.messageId as MessageIds,
      data: finding.data,
      fix: isApplicable(finding, textLength)
        ? (fixer) => finding.fix!.map((edit) => fixer.replaceTextRange(edit.range, edit.text))
        : null,
    });
  }
}

/**
 * Where a finding points in the file as it is now. A location taken from the baseline (where
 * a deleted enqueue call stood) may lie past the end of the file: the nearest line serves.
 */
function getLocation(finding: Finding, lines: string[]): { start: Position; end: Position } {
  const { start, end } = finding.span;
  // The empty line after a final newline is no place for a report.
  const lastLine = lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  if (start.line <= lastLine) return { start, end: end.line <= lines.length ? end : start };
  const last = { line: lastLine, column: 0 };
  return { start: last, end: last };
}

function isApplicable(finding: Finding, textLength: number): boolean {
  return finding.fix !== undefined && finding.fix.every((edit) => edit.range[0] >= 0 && edit.range[1] <= textLength);
}
