/**
 * The one analysis of a linted file that every rule of the plugin shares: computed by the
 * first rule that asks, kept for the others in a WeakMap keyed by the file's SourceCode.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { extractFacts } from '../adapters/traverse.js';
import { isJavaScriptPath } from '../model/paths.js';
import { GitError } from '../git/git.js';
import type { Finding } from '../model/finding.js';
import { type FileReport, getEngine } from '../engine/engine.js';
import { readSettings } from '../settings.js';

interface SharedState {
  report?: FileReport;
  /** `require-baseline` runs on this file and reports baseline problems itself. */
  baselineRuleEnabled: boolean;
  /** A rule that needs the baseline runs on this file (it can carry a problem at its own, error, level). */
  comparisonRuleEnabled: boolean;
  baselineProblemReported: boolean;
}

/**
 * Problems that must fail a lint rather than warn: an internal error of the analysis always,
 * and a baseline that cannot be read where `baselineProblems` says 'error' (by default in CI).
 * They are carried by the first rule that needs the baseline, at its level, instead of
 * `require-baseline` (a warning in the recommended config), so that `eslint` exits 1.
 */
function isEscalated(report: FileReport, settings: Record<string, unknown>): boolean {
  if (report.internal) return true;
  const result = readSettings(settings);
  const chosen = 'settings' in result ? result.settings.baselineProblems : undefined;
  return chosen === undefined ? isContinuousIntegration() : chosen === 'error';
}

function isContinuousIntegration(): boolean {
  const value = process.env.CI;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

const states = new WeakMap<object, SharedState>();

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

function getState(context: AnyContext): SharedState {
  let state = states.get(context.sourceCode);
  if (!state) {
    state = { baselineRuleEnabled: false, comparisonRuleEnabled: false, baselineProblemReported: false };
    states.set(context.sourceCode, state);
  }
  return state;
}

export function getFileReport(context: AnyContext): FileReport {
  const state = getState(context);
  state.report ??= computeReport(context);
  return state.report;
}

function computeReport(context: AnyContext): FileReport {
  const result = readSettings(context.settings as Record<string, unknown>);
  if ('error' in result) return { findings: [], problem: result.error, isJobFile: true };
  const { settings } = result;
  const { sourceCode, filename } = context;
  try {
    const engine = getEngine(filename, context.cwd, settings);
    return engine.lintFile(filename, sourceCode.text, () =>
      extractFacts(sourceCode.ast as TSESTree.Program, sourceCode.text, settings.pattern, isJavaScriptPath(filename)),
    );
  } catch (error) {
    // A lint run must never crash on our account: the failure becomes one report on the file.
    if (error instanceof GitError) return { findings: [], problem: error.message, isJobFile: true };
    return {
      findings: [],
      problem: `safe-jobs could not analyse the project (${(error as Error).message}). This is a bug of eslint-plugin-safe-jobs: please report it.`,
      isJobFile: true,
      internal: true,
    };
  }
}

export function getFindingsFor(context: AnyContext, rule: string): Finding[] {
  return getFileReport(context).findings.filter((finding) => finding.rule === rule);
}

export function markBaselineRuleEnabled(context: AnyContext): void {
  getState(context).baselineRuleEnabled = true;
}

/** Called while a rule that needs the baseline is created, before any listener runs. */
export function markComparisonRuleEnabled(context: AnyContext): void {
  getState(context).comparisonRuleEnabled = true;
}

/**
 * The baseline problem to report from this rule, at most once per file: `require-baseline`
 * reports it where enabled, otherwise the first baseline-dependent rule does; an escalated
 * problem goes to the first baseline-dependent rule where there is one.
 */
export function takeBaselineProblem(context: AnyContext, fromBaselineRule: boolean): string | undefined {
  const state = getState(context);
  const report = getFileReport(context);
  if (!report.problem || !report.isJobFile || state.baselineProblemReported) return undefined;
  const toComparisonRule = state.comparisonRuleEnabled && isEscalated(report, context.settings as Record<string, unknown>);
  if (fromBaselineRule ? toComparisonRule : state.baselineRuleEnabled && !toComparisonRule) return undefined;
  state.baselineProblemReported = true;
  return report.problem;
}
