import type { Finding } from '../model/finding.js';
import type { Severity } from './config.js';
import { formatMessage } from './messages.js';

/** A finding as the command line reports it: located, leveled and with its message written out. */
export interface ReportedFinding {
  rule: string;
  messageId: string;
  severity: Exclude<Severity, 'off'>;
  job: string;
  direction: Finding['direction'];
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** With several baselines: those the finding breaks against. */
  baselines?: string[];
}

export interface CheckReport {
  /** How the baseline was named, e.g. `origin/main (merge-base 1a2b3c4)`. */
  baseline: string;
  findings: ReportedFinding[];
  /** Jobs found in this version: none means nothing was compared, which is no pass. */
  jobCount?: number;
  /** The project's root, which finding paths are relative to (not printed). */
  root?: string;
  /** Files the baseline could not read, with why: their jobs are unknown there, so no change to them is reported. */
  unreadableInBaseline?: Array<{ file: string; reason: string }>;
  /** Findings an `eslint-disable` comment acknowledges, with its `-- reason`: never counted, shown on request and in SARIF. */
  suppressed?: Array<ReportedFinding & { justification: string }>;
}

export function toReportedFinding(finding: Finding, severity: Exclude<Severity, 'off'>): ReportedFinding {
  return {
    rule: `safe-jobs/${finding.rule}`,
    messageId: finding.messageId,
    severity,
    job: finding.job,
    direction: finding.direction,
    file: finding.file,
    line: finding.span.start.line,
    // 1-based like ESLint's output; spans keep ESLint's 0-based columns.
    column: finding.span.start.column + 1,
    endLine: finding.span.end.line,
    endColumn: finding.span.end.column + 1,
    message: formatMessage(finding),
    ...(finding.baselines ? { baselines: finding.baselines } : {}),
  };
}

export function sortFindings(findings: ReportedFinding[]): ReportedFinding[] {
  return [...findings].sort((a, b) => a.job.localeCompare(b.job) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

export function countBySeverity(findings: ReportedFinding[]): { errors: number; warnings: number } {
  return {
    errors: findings.filter((finding) => finding.severity === 'error').length,
    warnings: findings.filter((finding) => finding.severity === 'warn').length,
  };
}
