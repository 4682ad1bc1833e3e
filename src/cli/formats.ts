/** The output formats of `safe-jobs check`. */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { describeDirection } from './messages.js';
import { type CheckReport, countBySeverity, type ReportedFinding } from './report.js';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** Version of the `json` output's schema (docs/check-output.schema.json). */
export const JSON_OUTPUT_VERSION = 1;

export interface FormatOptions {
  color: boolean;
  version: string;
  /** Also print the findings `eslint-disable` comments acknowledge (SARIF carries them always, as suppressed results). */
  showSuppressed?: boolean;
}

export function formatReport(report: CheckReport, format: Format, options: FormatOptions): string {
  const suppressed = options.showSuppressed ? (report.suppressed ?? []) : [];
  switch (format) {
    case 'json': {
      const output = { version: JSON_OUTPUT_VERSION, baseline: report.baseline, summary: countBySeverity(report.findings), findings: report.findings };
      return `${JSON.stringify(options.showSuppressed ? { ...output, suppressed } : output, null, 2)}\n`;
    }
    case 'sarif':
      return `${JSON.stringify(toSarif(report, options.version), null, 2)}\n`;
    case 'github':
      return [...report.findings.map((finding) => toGithubAnnotation(finding)), ...suppressed.map((finding) => toGithubAnnotation(finding, 'notice'))].join('');
    case 'text':
      return toText(report, options.color, suppressed);
  }
}

/**
 * Wire names, paths and messages come from the code under check: a control character in them
 * (a newline and `::error::`, a terminal escape) would let a name write its own lines into a CI
 * log or repaint a terminal. The text format shows every control character as `\u{…}`.
 */
export function toVisible(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this replaces
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (character) => `\\u{${character.codePointAt(0)!.toString(16)}}`);
}

/** Nothing to compare is not a pass: said where a project's job layer is not described. */
export const NO_JOBS =
  'No jobs were found in this project, so nothing was compared. If it has background jobs, run `safe-jobs doctor`: it lists the job-like code no adapter describes, and the settings that would.';

/** The files the baseline could not read: unknown is not absent, and a comparison with a gap says where the gap is. */
export function formatUnreadable(files: ReadonlyArray<{ file: string; reason: string }>, baseline: string): string {
  const listed = files.map(({ file, reason }) => `  ${toVisible(file)}: ${toVisible(reason)}`).join('\n');
  return `safe-jobs: ${files.length} file(s) could not be read in the baseline (${toVisible(baseline)}), so the jobs they defined and enqueued there are unknown and no change to them is reported:\n${listed}\n`;
}

function toText(report: CheckReport, color: boolean, suppressed: ReadonlyArray<ReportedFinding & { justification: string }>): string {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const { errors, warnings } = countBySeverity(report.findings);
  const count = report.suppressed?.length ?? 0;
  // Acknowledged findings are counted, so that a comment that hides a problem is never silent; listed on request.
  const acknowledged = count === 0 ? '' : ` ${count} finding(s) acknowledged by eslint-disable comments${suppressed.length > 0 ? ' (listed above)' : ' (--show-suppressed lists them)'}.`;
  const listedSuppressed = suppressed.flatMap((finding) => [
    `  ${paint(2, 'off  ')}  ${toVisible(finding.file)}:${finding.line}:${finding.column}  ${paint(2, `${finding.rule}${finding.justification ? ` -- ${toVisible(finding.justification)}` : ''}`)}`,
    `         ${toVisible(finding.message)}`,
  ]);
  if (report.findings.length === 0 && report.jobCount === 0 && count === 0) return `${NO_JOBS}\n`;
  if (report.findings.length === 0) {
    const head = listedSuppressed.length > 0 ? `${paint(1, 'Acknowledged by eslint-disable comments')}\n${listedSuppressed.join('\n')}\n\n` : '';
    return `${head}No incompatible job changes against ${toVisible(report.baseline)}.${acknowledged}\n`;
  }
  const lines: string[] = [];
  let job: string | undefined;
  for (const finding of report.findings) {
    if (finding.job !== job) {
      job = finding.job;
      lines.push('', paint(1, toVisible(job)));
    }
    const level = finding.severity === 'error' ? paint(31, 'error') : paint(33, 'warn ');
    lines.push(`  ${level}  ${toVisible(finding.file)}:${finding.line}:${finding.column}  ${paint(2, `${finding.rule} (${describeDirection(finding)})`)}`);
    lines.push(`         ${toVisible(finding.message)}`);
  }
  if (listedSuppressed.length > 0) lines.push('', paint(1, 'Acknowledged by eslint-disable comments'), ...listedSuppressed);
  lines.push('', `${errors} error(s), ${warnings} warning(s) against ${toVisible(report.baseline)}.${acknowledged}`);
  return `${lines.join('\n').trimStart()}\n`;
}

/** One GitHub Actions workflow command per finding; its data and properties are escaped as the runner expects. */
function toGithubAnnotation(finding: ReportedFinding, level?: 'notice'): string {
  const command = level ?? (finding.severity === 'error' ? 'error' : 'warning');
  const properties = [
    `file=${escapeProperty(finding.file)}`,
    `line=${finding.line}`,
    `col=${finding.column}`,
    `endLine=${finding.endLine}`,
    `endColumn=${finding.endColumn}`,
    `title=${escapeProperty(finding.rule)}`,
  ].join(',');
  return `::${command} ${properties}::${escapeData(finding.message)}\n`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const DOCS = 'https://github.com/safe-jobs/eslint-plugin-safe-jobs/blob/main/docs/rules/';

/** SARIF results, suppressed ones included (`inSource`, with the comment's reason): code scanning shows them as dismissed. */
function toSarif(report: CheckReport, version: string): Log {
  const all: Array<ReportedFinding & { justification?: string }> = [...report.findings, ...(report.suppressed ?? [])];
  const ruleIds = [...new Set(all.map((finding) => finding.rule))].sort();
  const rules: ReportingDescriptor[] = ruleIds.map((id) => ({ id, helpUri: `${DOCS}${id.replace('safe-jobs/', '')}.md` }));
  const results: Result[] = all.map((finding) => ({
    ruleId: finding.rule,
    ruleIndex: ruleIds.indexOf(finding.rule),
    level: finding.severity === 'error' ? 'error' : 'warning',
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: finding.file, uriBaseId: '%SRCROOT%' },
          region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
        },
      },
    ],
    properties: { job: finding.job, direction: finding.direction, messageId: finding.messageId },
    ...(finding.justification === undefined ? {} : { suppressions: [{ kind: 'inSource' as const, ...(finding.justification ? { justification: finding.justification } : {}) }] }),
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'safe-jobs', informationUri: DOCS.replace('/blob/main/docs/rules/', ''), version, rules } }, results }],
  };
}
