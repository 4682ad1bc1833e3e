import type { TSESLint } from '@typescript-eslint/utils';
import type { CheckDescriptor, MessageIdOf } from '../compare/descriptor.js';
import type { Position, TextEdit } from '../model/facts.js';
import type { Finding } from '../model/finding.js';
import { getFindingsFor, takeBaselineProblem } from './file-report.js';

/**
 * The message every baseline-dependent rule carries for when no baseline can be read. It is
 * no finding of the check, so it belongs to the rule, not to the check's descriptor.
 */
export const BASELINE_UNAVAILABLE_MESSAGE = 'safe-jobs has no baseline to compare with, so this rule did not run: {{reason}}';

/** The message ids of the rule that reports a check: the check's own, and the baseline one where it needs a baseline. */
export type RuleMessageIds<Check extends CheckDescriptor> = Check extends { needsBaseline: false } ? MessageIdOf<Check> : MessageIdOf<Check> | 'baselineUnavailable';

/** `meta.messages` of the rule that reports a check, in the order the check declares them. */
export function getRuleMessages<Check extends CheckDescriptor>(check: Check): Record<RuleMessageIds<Check>, string> {
  const messages = check.needsBaseline ? { ...check.messages, baselineUnavailable: BASELINE_UNAVAILABLE_MESSAGE } : { ...check.messages };
  return messages as Record<RuleMessageIds<Check>, string>;
}

/** An edit offered, not applied (it changes what the code does): ESLint's suggestion. */
export interface FindingSuggestion<MessageIds extends string> {
  messageId: MessageIds;
  data?: Record<string, string>;
  edits: TextEdit[];
}

/**
 * Reports the engine's findings of one check in the linted file, each with its fix, and the
 * baseline problem where this rule is the one to carry it.
 */
export function reportFindings<Check extends CheckDescriptor, SuggestionIds extends string = never>(
  context: Readonly<TSESLint.RuleContext<RuleMessageIds<Check> | SuggestionIds, readonly unknown[]>>,
  check: Check,
  options: { filter?: (finding: Finding) => boolean; suggest?: (finding: Finding) => FindingSuggestion<SuggestionIds>[] } = {},
): void {
  const problem = check.needsBaseline ? takeBaselineProblem(context, false) : undefined;
  if (problem) {
    context.report({ loc: { line: 1, column: 0 }, messageId: 'baselineUnavailable' as RuleMessageIds<Check>, data: { reason: problem } });
    return;
  }
  const textLength = context.sourceCode.text.length;
  for (const finding of getFindingsFor(context, check.id)) {
    if (options.filter && !options.filter(finding)) continue;
    context.report({
      loc: getLocation(finding, context.sourceCode.lines),
      // The engine's findings of this check carry only ids it declares (makeFinding is typed by the descriptor).
      messageId: finding.messageId as RuleMessageIds<Check>,
      data: finding.data,
      fix: isApplicable(finding, textLength)
        ? (fixer) => finding.fix!.map((edit) => fixer.replaceTextRange(edit.range, edit.text))
        : null,
      suggest: options.suggest?.(finding).map((suggestion) => ({
        messageId: suggestion.messageId,
        data: suggestion.data ?? {},
        fix: (fixer) => suggestion.edits.map((edit) => fixer.replaceTextRange(edit.range, edit.text)),
      })),
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
