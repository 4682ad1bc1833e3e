/**
 * One engine per project and settings: the baseline, the current index and the comparison
 * of the two, shared by every rule and every linted file of the process.
 */
import { getCandidatePattern } from '../adapters/adapter-set.js';
import { type Baseline, BaselineProvider } from '../baseline/provider.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectFiles } from '../compare/context.js';
import { checkCurrentContracts, compareContracts, doBodiesMatter } from '../compare/index.js';
import { DELETED_ENQUEUED_JOB, UNKNOWN_JOB } from '../compare/job-changes.js';
import { joinLabels, mergeBaselineRuns } from '../compare/several-baselines.js';
import type { ContractSet } from '../model/contract.js';
import type { FileFacts } from '../model/facts.js';
import type { Finding } from '../model/finding.js';
import { isLintablePath, MAX_FILE_BYTES } from '../model/paths.js';
import type { SafeJobsSettings } from '../settings.js';
import { groupBy } from '../util/group-by.js';
import { CurrentIndex } from '../project/current-index.js';
import { FactsCache } from '../project/facts-cache.js';
import { FactsStore } from '../project/facts-store.js';
import { locateProject, type ProjectLocation, toProjectPath } from '../project/locate.js';
import { shiftFinding } from '../project/span-shift.js';
import { WorkingTreeSource } from '../project/working-tree-source.js';

export interface FileReport {
  /** Findings located in this file. */
  findings: Finding[];
  /** Why the baseline-dependent rules cannot run, if they cannot. */
  problem?: string;
  /** Whether the file defines a job or enqueues one (where baseline problems are reported). */
  isJobFile: boolean;
  /** The problem is an internal error of the analysis, not a baseline that cannot be read. */
  internal?: boolean;
  /** Why the baseline could not read this file (too big, unparsable): its jobs there are unknown. */
  unknownInBaseline?: { baseline: string; reason: string };
}

const EMPTY_REPORT: FileReport = { findings: [], isJobFile: false };

export class Engine {
  private readonly baseline: BaselineProvider;
  private readonly current: CurrentIndex;
  private readonly cache: FactsCache;
  private compared?: { key: string; byFile: Map<string, Finding[]>; bodiesMatter: boolean };
  private checked?: { version: number; byFile: Map<string, Finding[]> };
  private readonly projectFiles: ProjectFiles = {
    exists: (path) => this.current.has(path) || existsSync(join(this.location.root, path)),
    isUnparsable: (path) => this.current.isUnparsable(path),
    // Read as the working tree reads every file: never through a link, never over the size limit.
    readText: (path) => this.worktree.readFiles([path]).get(path),
  };
  private readonly worktree: WorkingTreeSource;

  constructor(
    readonly location: ProjectLocation,
    private readonly settings: SafeJobsSettings,
  ) {
    this.cache = new FactsCache(settings.pattern, settings.patternKey, FactsStore.open(location.root, settings.patternKey));
    // One view of the disk for both versions: the baseline reads from git only what differs from it.
    this.worktree = new WorkingTreeSource(location.root, getCandidatePattern(settings.pattern), location.isGit, this.cache);
    this.baseline = new BaselineProvider(location, settings, this.cache, this.worktree);
    this.current = new CurrentIndex(location, settings, this.cache, this.worktree);
  }

  /** The report for one file as ESLint sees it; `extract` reads facts from ESLint's AST. */
  lintFile(filename: string, text: string, extract: () => FileFacts): FileReport {
    const path = toProjectPath(this.location, filename);
    // Declaration files hold no code that runs: neither version reads them (git-source, the
    // working tree), so a lint of one must not add its classes to the project either.
    if (!path || !isLintablePath(path)) return EMPTY_REPORT;
    // Other files still get their findings: a removed enqueue call leaves its report behind.
    const indexMoved = this.current.refresh(path);
    // A file over the size limit is never read, from disk or git, whatever ESLint lints: its
    // jobs stay unknown on both sides, and what the plugin keeps stays bounded by the limit.
    if (!isOversized(text) && this.current.isRelevant(path, text)) this.current.update(path, text, extract, () => this.doBodiesMatter(indexMoved));
    const analysis = this.analyze(indexMoved);
    const isJobFile = this.current.getJobFiles().has(path);
    const own = analysis.own.get(path) ?? [];
    const compared = 'problem' in analysis ? [] : (analysis.compared.get(path) ?? []);
    const findings = [...withoutDuplicates(own, compared), ...compared];
    const shift = this.current.getShift(path);
    const shifted = shift ? findings.map((finding) => shiftFinding(finding, shift)) : findings;
    if (!shifted.every((finding) => finding !== undefined)) {
      // A finding whose place has no counterpart in the edited text: the file is analysed afresh.
      this.current.invalidate();
      return this.lintFile(filename, text, extract);
    }
    if ('problem' in analysis) return { findings: shifted, problem: analysis.problem, isJobFile };
    const reason = analysis.previousUnreadable?.get(path);
    return reason === undefined ? { findings: shifted, isJobFile } : { findings: shifted, isJobFile, unknownInBaseline: { baseline: analysis.baselineLabel, reason } };
  }

  /** Every finding of the project, including those no linted file can carry: for the command line. */
  analyzeProject(): ProjectAnalysis {
    const analysis = this.analyze(this.current.refresh());
    const own = [...analysis.own.values()].flat();
    if ('problem' in analysis) return { current: analysis.current, findings: own, problem: analysis.problem };
    const compared = [...analysis.compared.values()].flat();
    const result: ProjectAnalysis = { current: analysis.current, findings: [...withoutDuplicates(own, compared), ...compared], baselineLabel: analysis.baselineLabel };
    if (analysis.previousUnreadable?.size) result.previousUnreadable = analysis.previousUnreadable;
    return result;
  }

  /**
   * Whether handler bodies pair renamed jobs in the comparison as it stands (before the edit
   * being recorded): when not, an edit of a body moves positions only. The first lint of a
   * process compares the disk's version for it, which it then reuses if the edit changed no contract.
   */
  private doBodiesMatter(indexMoved: boolean): boolean {
    if (!this.compared) this.analyze(indexMoved);
    return this.compared?.bodiesMatter ?? true;
  }

  private analyze(indexMoved: boolean): Analysis {
    try {
      return this.compare(indexMoved);
    } finally {
      // After both versions are loaded: one write of the store per load, not one per file.
      this.cache.save();
    }
  }

  private compare(indexMoved: boolean): Analysis {
    const current = this.current.getContractSet();
    if (this.checked?.version !== this.current.version) {
      this.checked = { version: this.current.version, byFile: groupByFile(checkCurrentContracts(current)) };
    }
    const own = this.checked.byFile;
    const result = this.baseline.get(Date.now(), indexMoved);
    if ('problem' in result) return { current, own, problem: result.problem };
    const { baselines } = result;
    const key = `${baselines.map((baseline) => baseline.key).join('\0')}\0${this.current.version}`;
    if (this.compared?.key !== key) {
      const contexts = baselines.map((baseline) => ({
        previous: baseline.set,
        current,
        baselineLabel: baseline.label,
        retiredJobs: this.settings.retiredJobs,
        project: this.projectFiles,
      }));
      const findings = mergeBaselineRuns(contexts.map((context) => ({ label: context.baselineLabel, findings: compareContracts(context) })));
      this.compared = { key, byFile: groupByFile(findings), bodiesMatter: contexts.some(doBodiesMatter) };
    }
    return { current, own, compared: this.compared.byFile, baselineLabel: joinLabels(baselines.map((baseline) => baseline.label)), previousUnreadable: getUnreadable(baselines) };
  }
}

/** Whether a text is over MAX_FILE_BYTES in UTF-8, without encoding it where its length alone decides. */
function isOversized(text: string): boolean {
  if (text.length > MAX_FILE_BYTES) return true;
  return text.length * 3 > MAX_FILE_BYTES && Buffer.byteLength(text) > MAX_FILE_BYTES;
}

/** Files some baseline could not read, with why (and, among several, in which). */
function getUnreadable(baselines: readonly Baseline[]): ReadonlyMap<string, string> | undefined {
  if (baselines.length === 1) return baselines[0]!.set.unreadable;
  const unreadable = new Map<string, string>();
  for (const { set, label } of baselines) {
    for (const [path, reason] of set.unreadable ?? []) if (!unreadable.has(path)) unreadable.set(path, `${reason} (in ${label})`);
  }
  return unreadable.size > 0 ? unreadable : undefined;
}

type Analysis = { current: ContractSet; own: Map<string, Finding[]> } & (
  | { problem: string }
  | { compared: Map<string, Finding[]>; baselineLabel: string; previousUnreadable?: ReadonlyMap<string, string> }
);

export type ProjectAnalysis = { current: ContractSet; findings: Finding[] } & (
  | { problem: string }
  /** `previousUnreadable`: files the baseline could not read, by path, with why: their jobs are unknown there. */
  | { baselineLabel: string; previousUnreadable?: ReadonlyMap<string, string> }
);

/** A deleted job still enqueued by name is one problem: its deletion report replaces the unknown-name one. */
function withoutDuplicates(own: Finding[], compared: Finding[]): Finding[] {
  const placeOf = (finding: Finding) => `${finding.file}:${finding.span.range.join(':')}`;
  const deleted = new Set(compared.filter((finding) => finding.rule === DELETED_ENQUEUED_JOB.id).map(placeOf));
  return deleted.size === 0 ? own : own.filter((finding) => finding.rule !== UNKNOWN_JOB.id || !deleted.has(placeOf(finding)));
}

function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  return groupBy(findings, (finding) => finding.file);
}

const engines = new Map<string, Engine>();
const settingsKeys = new WeakMap<SafeJobsSettings, string>();

/** Settings objects are shared by every file of a config: their key is computed once. */
function getSettingsKey(settings: SafeJobsSettings): string {
  let key = settingsKeys.get(settings);
  if (key === undefined) {
    key = JSON.stringify(settings);
    settingsKeys.set(settings, key);
  }
  return key;
}

export function getEngine(filename: string, cwd: string, settings: SafeJobsSettings): Engine {
  const location = locateProject(filename, cwd);
  const key = JSON.stringify([location.root, location.cwd, getSettingsKey(settings)]);
  let engine = engines.get(key);
  if (!engine) {
    engine = new Engine(location, settings);
    engines.set(key, engine);
  }
  return engine;
}
