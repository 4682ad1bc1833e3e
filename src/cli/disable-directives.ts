/**
 * `eslint-disable` comments, honoured by `safe-jobs check` as ESLint honours them: the plugin's
 * messages tell users to acknowledge a deliberate change (a queue moved in three deploys) with
 * such a comment, and a CI gate that ignored it would stay red. ESLint's own Linter applies the
 * directives, so every form it knows works here (`-next-line`, `-line`, blocks, rule lists,
 * `-- reasons`): a rule of each finding's name reports exactly the findings of a file, and
 * what the Linter still returns is what no comment disables. Only the file's comments are
 * parsed; a file whose comments cannot be read keeps all its findings.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { MAX_FILE_BYTES } from '../model/paths.js';
import { groupBy } from '../util/group-by.js';
import type { ReportedFinding } from './report.js';

/** The findings no comment disables, and those one does, each with the comment's `-- reason`. */
export interface DirectiveSplit {
  kept: ReportedFinding[];
  suppressed: SuppressedFinding[];
}

export type SuppressedFinding = ReportedFinding & { justification: string };

/** ESLint's Linter keeps what the last `verify` suppressed; its type declarations leave the method out. */
interface SuppressingLinter {
  getSuppressedMessages(): Array<{ ruleId: string | null; message: string; suppressions: Array<{ kind: string; justification: string }> }>;
}

export async function splitDisabledFindings(findings: ReportedFinding[], root: string): Promise<DirectiveSplit> {
  if (findings.length === 0) return { kept: findings, suppressed: [] };
  const { Linter } = await import('eslint');
  const linter = new Linter({ configType: 'flat', cwd: root });
  const kept = new Set<ReportedFinding>();
  const justifications = new Map<ReportedFinding, string>();
  for (const [file, list] of groupBy(findings, (finding) => finding.file)) {
    const text = readText(join(root, file));
    const program = text === undefined ? undefined : getCommentsProgram(text, file);
    if (!program) {
      for (const finding of list) kept.add(finding);
      continue;
    }
    const rules = groupBy(list, (finding) => finding.rule);
    const plugin = { rules: Object.fromEntries([...rules].map(([rule, reported]) => [rule.replace(/^safe-jobs\//, ''), reportingRule(reported, list)])) };
    const messages = linter.verify(
      text!,
      [
        {
          // A universal pattern (`**/*`) alone matches no file in flat config: the extensions are named.
          files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
          languageOptions: { parser: { parseForESLint: () => ({ ast: program }) } },
          linterOptions: { reportUnusedDisableDirectives: 'off' },
          plugins: { 'safe-jobs': plugin },
          rules: Object.fromEntries([...rules.keys()].map((rule) => [rule, 'error'])),
        },
      ],
      { filename: file },
    );
    // A message of no rule (a file the Linter would not take) disables nothing: the file keeps its findings.
    if (messages.some((message) => !message.ruleId)) for (const finding of list) kept.add(finding);
    for (const message of messages) {
      const finding = message.ruleId ? list[Number(message.message)] : undefined;
      if (finding) kept.add(finding);
    }
    for (const message of (linter as unknown as SuppressingLinter).getSuppressedMessages()) {
      const finding = message.ruleId ? list[Number(message.message)] : undefined;
      if (finding) justifications.set(finding, message.suppressions.map((suppression) => suppression.justification).filter(Boolean).join('; '));
    }
  }
  const suppressed = findings.filter((finding) => !kept.has(finding)).map((finding) => ({ ...finding, justification: justifications.get(finding) ?? '' }));
  return { kept: findings.filter((finding) => kept.has(finding)), suppressed };
}

/** A rule that reports the given findings where they stand, each under its index in the file's list. */
function reportingRule(reported: ReportedFinding[], list: ReportedFinding[]) {
  return {
    meta: { type: 'problem' as const, schema: [] },
    create: (context: { report(descriptor: { loc: { start: { line: number; column: number }; end: { line: number; column: number } }; message: string }): void }) => ({
      Program() {
        for (const finding of reported) {
          context.report({
            loc: { start: { line: finding.line, column: finding.column - 1 }, end: { line: finding.endLine, column: finding.endColumn - 1 } },
            message: String(list.indexOf(finding)),
          });
        }
      },
    }),
  };
}

/** A regular file's text; never through a link (it could lead out of the project), never over the size limit the plugin reads. */
function readText(path: string): string | undefined {
  try {
    const stat = lstatSync(path);
    return stat.isFile() && stat.size <= MAX_FILE_BYTES ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** An empty program carrying the file's comments: all the Linter needs to apply directives. */
function getCommentsProgram(text: string, file: string): unknown {
  try {
    const ast = parse(text, { comment: true, loc: true, range: true, jsx: /\.[jt]sx$/.test(file) });
    return { type: 'Program', body: [], sourceType: 'module', comments: ast.comments, tokens: [], range: ast.range, loc: ast.loc };
  } catch {
    return undefined;
  }
}
