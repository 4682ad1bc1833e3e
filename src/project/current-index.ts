/**
 * The contracts of the code being linted (version N+1): the project's files on disk,
 * overlaid with what ESLint is linting right now (unsaved editor buffers included).
 */
import { getCandidatePattern } from '../adapters/adapter-set.js';
import type { ContractSet } from '../model/contract.js';
import type { FileFacts } from '../model/facts.js';
import { GitStamp, INDEX_FILES } from '../git/git-stamp.js';
import type { ProjectLocation } from './locate.js';
import type { SafeJobsSettings } from '../settings.js';
import { buildContractSet } from './build-contracts.js';
import type { FactsCache } from './facts-cache.js';
import { DiskStamps } from './disk-stamps.js';
import { type CandidateScan, keepProject, type ProjectSummary, readKeptProject, RecordingSource } from './kept-project.js';
import { followImports, type LoadedProject, loadProject, reloadFiles, withUnreadable } from './load-project.js';
import { getSpanShift, type SpanShift } from './span-shift.js';
import type { WorkingTreeSource } from './working-tree-source.js';

/**
 * How long an editor buffer that differs from the disk counts for the other files' findings
 * without being linted again. ESLint says nothing when a buffer is closed without saving: a
 * buffer no lint has seen for this long is taken to be gone, and the file is read from disk again
 * (an open one is linted again at its next edit, and counts again from then on).
 */
export const BUFFER_TTL_MS = 180_000;

export class CurrentIndex {
  private project?: LoadedProject;
  /**
   * The project as a previous process left it, when the disk still holds what that one read
   * (kept-project.ts): its contracts without its facts, until a linted text changes a contract.
   */
  private summary?: ProjectSummary;
  /** Facts of texts linted while only the summary is there, which changed no contract: applied when the project is loaded. */
  private readonly pending = new Map<string, { key: string; facts: FileFacts }>();
  private readonly candidateTest: RegExp;
  private set?: ContractSet;
  private jobFiles?: Set<string>;
  private diskStamp?: string;
  /** Facts the current contracts were built from, of files edited since then without changing a contract. */
  private readonly analysed = new Map<string, FileFacts>();
  private readonly shifts = new Map<string, SpanShift>();
  /** Changes when the disk may have changed under us (checkout, pull, commit). */
  private readonly stamp?: GitStamp;
  /** The loaded files as the disk held them: a job file edited or deleted outside the editor is read again. */
  private readonly disk: DiskStamps;
  /** Files whose linted text differs from the disk (unsaved buffers), with when a lint last saw them. */
  private readonly buffers = new Map<string, number>();
  /** Bumped whenever the contracts may have changed; comparison results are cached by it. */
  version = 0;

  constructor(
    location: ProjectLocation,
    settings: SafeJobsSettings,
    private readonly cache: FactsCache,
    private readonly source: WorkingTreeSource,
  ) {
    if (location.isGit) this.stamp = new GitStamp(location.root, INDEX_FILES);
    this.disk = new DiskStamps(location.root);
    this.candidateTest = new RegExp(getCandidatePattern(settings.pattern));
  }

  /** Whether the text could matter to the contracts: a candidate, or a file the index already holds. */
  isRelevant(path: string, text: string): boolean {
    return this.has(path) || this.candidateTest.test(text);
  }

  /**
   * Records the facts of a file as ESLint sees it now. `extract` runs only for content not seen
   * before. An edit that only moved positions keeps the contracts and records how they moved;
   * `fingerprintsMatter` is asked only then.
   */
  update(path: string, text: string, extract: () => FileFacts, fingerprintsMatter: () => boolean, now = Date.now()): void {
    this.ensureLoaded();
    const key = this.cache.getKey(path, text);
    // Text the index already holds from the disk is the disk's: only other text is read against it.
    const unchanged = this.getKey(path) === key;
    if (!unchanged || this.buffers.has(path)) this.noteBuffer(path, text, now);
    if (unchanged) return;
    const analysed = this.analysed.get(path) ?? this.getFacts(path);
    const facts = this.cache.remember(key, extract);
    const shift = this.set && analysed ? getSpanShift(analysed, facts, fingerprintsMatter()) : undefined;
    if (shift) {
      this.analysed.set(path, analysed!);
      this.shifts.set(path, shift);
      this.setFacts(path, key, facts);
      return;
    }
    if (!this.project) {
      // Loaded in full with this text among the linted ones: one build of the contracts.
      this.pending.set(path, { key, facts });
      this.load();
      return;
    }
    const project = this.project;
    this.setFacts(path, key, facts);
    // A file created since the listing (an editor's new file) is a module imports can reach.
    project.modules.addPath(path);
    const contracts = followImports(project, this.source, this.cache, [path]);
    this.disk.recordNew(project.files.keys());
    this.changed();
    this.set = contracts;
  }

  private getKey(path: string): string | undefined {
    return this.pending.get(path)?.key ?? (this.project ?? this.summary)?.keys.get(path);
  }

  /** The facts the contracts were built from; with only the summary, those of the disk's text, parsed alone. */
  private getFacts(path: string): FileFacts | undefined {
    if (this.project) return this.project.files.get(path);
    const pending = this.pending.get(path);
    if (pending) return pending.facts;
    const key = this.summary?.keys.get(path);
    const text = key === undefined ? undefined : this.source.readFiles([path]).get(path);
    // A disk that no longer holds the summary's text has nothing to compare the edit with.
    if (text === undefined || this.cache.getKey(path, text) !== key) return undefined;
    const outcome = this.cache.parseAlone(key, path, text);
    return 'facts' in outcome ? outcome.facts : undefined;
  }

  private setFacts(path: string, key: string, facts: FileFacts): void {
    if (!this.project) {
      this.pending.set(path, { key, facts });
      return;
    }
    this.project.keys.set(path, key);
    this.project.files.set(path, facts);
    this.project.unparsable.delete(path);
  }

  /** How positions in the file moved since its contracts were built, if it was edited since without changing them. */
  getShift(path: string): SpanShift | undefined {
    return this.shifts.get(path);
  }

  /** Builds the contracts again at the next request, even if no contract changed. */
  invalidate(): void {
    this.changed();
  }

  getContractSet(): ContractSet {
    this.ensureLoaded();
    if (this.set) return this.set;
    const project = this.getProject();
    this.set = withUnreadable(project, buildContractSet(project.files, this.cache.pattern, project.modules));
    return this.set;
  }

  /** Files that define a job or enqueue one. */
  getJobFiles(): Set<string> {
    const set = this.getContractSet();
    this.jobFiles ??= new Set([...[...set.jobs.values()].map((job) => job.location.file), ...set.sites.map((site) => site.location.file)]);
    return this.jobFiles;
  }

  /** Whether the index holds the file (from disk or from the editor). */
  has(path: string): boolean {
    this.ensureLoaded();
    if (this.project) return this.project.files.has(path);
    return this.summary!.files.has(path) || this.pending.has(path);
  }

  isUnparsable(path: string): boolean {
    this.ensureLoaded();
    return (this.project ?? this.summary)!.unparsable.has(path) && !this.pending.has(path);
  }

  /**
   * Loads the project's files again if git's index moved (checkout, pull, commit, add): one
   * `stat` per linted file, made here once rather than by every question asked of the index.
   * Returns whether it moved.
   */
  refresh(linting?: string, now = Date.now()): boolean {
    const stamp = this.stamp?.read();
    if ((this.project || this.summary) && stamp === this.diskStamp) {
      this.reloadChanged();
      this.expireBuffers(linting, now);
      return false;
    }
    this.diskStamp = stamp;
    this.buffers.clear();
    this.pending.clear();
    this.project = undefined;
    const kept = readKeptProject(this.cache.getKeptProject(), this.source);
    if ('summary' in kept) {
      this.summary = kept.summary;
      this.disk.reset(this.summary.files);
      this.changed();
      this.set = this.summary.contracts;
    } else {
      this.summary = undefined;
      this.load(kept.scan);
    }
    return true;
  }

  /** Loads the project's files from disk, with the texts linted since that changed no contract, and keeps the disk's state for the next process. */
  private load(scan?: CandidateScan): LoadedProject {
    const recorder = new RecordingSource(this.source, scan);
    const { contracts, ...project } = loadProject(recorder, this.cache);
    // What was read is the disk's (linted texts are applied below); a summary just read says it already.
    if (!this.summary) keepProject((body) => this.cache.keepProject(body), recorder, project, contracts);
    this.project = project;
    this.summary = undefined;
    this.disk.reset(project.files.keys());
    this.changed();
    this.set = contracts;
    if (this.pending.size > 0) {
      const paths = [...this.pending.keys()];
      for (const [path, { key, facts }] of this.pending) {
        this.setFacts(path, key, facts);
        project.modules.addPath(path);
      }
      this.pending.clear();
      this.set = followImports(project, this.source, this.cache, paths);
      this.disk.recordNew(project.files.keys());
    }
    return project;
  }

  /** Files of the project changed or deleted on disk since they were read (a slice of them per check, see DiskStamps). */
  private reloadChanged(): void {
    const changed = this.disk.getChanged();
    if (changed.length === 0) return;
    // The disk is newer than any buffer of these files.
    for (const path of changed) this.buffers.delete(path);
    this.reload(changed);
  }

  /** Whether the text ESLint lints is the disk's: a buffer that differs counts until it expires. */
  private noteBuffer(path: string, text: string, now: number): void {
    // ESLint's text of a file leaves out its byte-order mark.
    if (this.source.readFiles([path]).get(path)?.replace(/^\uFEFF/, '') === text) this.buffers.delete(path);
    else this.buffers.set(path, now);
  }

  /** Buffers no lint has seen for BUFFER_TTL_MS (closed without saving, most likely): their files as the disk holds them. */
  private expireBuffers(linting: string | undefined, now: number): void {
    const expired = [...this.buffers].filter(([path, seen]) => path !== linting && now - seen > BUFFER_TTL_MS).map(([path]) => path);
    if (expired.length === 0) return;
    for (const path of expired) this.buffers.delete(path);
    if (this.project) {
      this.reload(expired);
      return;
    }
    // Only the summary is there: those texts changed no contract, and the disk's positions are the summary's.
    for (const path of expired) {
      this.pending.delete(path);
      this.analysed.delete(path);
      this.shifts.delete(path);
    }
    this.version++;
  }

  private reload(paths: string[]): void {
    const project = this.getProject();
    const contracts = reloadFiles(project, this.source, this.cache, paths);
    if (!contracts) return;
    this.disk.recordNew(project.files.keys());
    this.changed();
    this.set = contracts;
  }

  /** The project with its facts, loaded in full if only its summary was there. */
  private getProject(): LoadedProject {
    this.ensureLoaded();
    return this.project ?? this.load();
  }

  private ensureLoaded(): void {
    if (!this.project && !this.summary) this.refresh();
  }

  private changed(): void {
    this.analysed.clear();
    this.shifts.clear();
    this.set = undefined;
    this.jobFiles = undefined;
    this.version++;
  }
}
