import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { JobPattern } from '../adapters/job-pattern.js';
import { type ParseOutcome, parseFileFacts } from '../adapters/parse-file.js';
import type { ContractSet } from '../model/contract.js';
import type { FileFacts } from '../model/facts.js';
import type { FactsStore } from './facts-store.js';
import { parseFiles } from './parse-pool.js';

/** A path's version on disk and its version in the baseline. */
const MAX_CONTENTS_PER_PATH = 2;

/**
 * Facts of file contents already parsed, keyed by a hash of the content, the file kind and
 * the job pattern: the same blob in the baseline and the working tree, or a file linted again
 * unchanged, is parsed once per process, and with a store once per project and plugin build.
 */
export class FactsCache {
  private readonly outcomes = new Map<string, ParseOutcome>();
  /** Facts of files read from disk or git in this process: what the store keeps. */
  private readonly used = new Map<string, FileFacts>();
  /**
   * The contents read for each path, oldest first: at most MAX_CONTENTS_PER_PATH are kept for
   * the store (a version on disk and one in the baseline), so that a long editor session that
   * saves a file often never grows the store with every version it had.
   */
  private readonly keysByPath = new Map<string, string[]>();
  /** Blobs of git's index whose content is known to fail the candidate test (a pure function of the content). */
  private readonly nonCandidates = new Set<string>();
  /** Facts parsed that the store does not hold; blobs found to hold no job that it does not hold. */
  private unsavedFacts = false;
  private unsavedBlobs = false;

  constructor(
    readonly pattern: JobPattern,
    private readonly patternKey: string,
    private readonly store?: FactsStore,
  ) {}

  getKey(path: string, text: string): string {
    return createHash('sha1').update(this.patternKey).update('\0').update(extname(path)).update('\0').update(text).digest('hex');
  }

  /** Parses together the contents that neither this process nor the store knows: in worker threads where there are many. */
  prepare(files: Array<{ key: string; path: string; text: string }>): void {
    const unknown = new Map<string, [path: string, text: string]>();
    for (const { key, path, text } of files) {
      if (!this.outcomes.has(key) && !unknown.has(key) && !this.store?.get(key)) unknown.set(key, [path, text]);
    }
    if (unknown.size === 0) return;
    const outcomes = parseFiles([...unknown.values()], this.pattern);
    [...unknown.keys()].forEach((key, index) => this.outcomes.set(key, outcomes[index]!));
    if (outcomes.some((outcome) => 'facts' in outcome)) this.unsavedFacts = true;
  }

  parse(key: string, path: string, text: string): ParseOutcome {
    let outcome = this.outcomes.get(key);
    if (!outcome) {
      const stored = this.store?.get(key);
      outcome = stored ? { facts: stored } : parseFileFacts(path, text, this.pattern);
      this.outcomes.set(key, outcome);
      if (!stored && 'facts' in outcome) this.unsavedFacts = true;
    }
    if ('facts' in outcome) this.use(key, path, outcome.facts);
    return outcome;
  }

  /**
   * Facts of one file without reading the store (parsed, unless this process has them): cheaper
   * than the whole store when a process needs one file's facts. Not kept for the store: only a
   * process that loads the whole project writes it, so that it never loses the other files.
   */
  parseAlone(key: string, path: string, text: string): ParseOutcome {
    let outcome = this.outcomes.get(key);
    if (!outcome) {
      outcome = parseFileFacts(path, text, this.pattern);
      this.outcomes.set(key, outcome);
    }
    return outcome;
  }

  private use(key: string, path: string, facts: FileFacts): void {
    this.used.set(key, facts);
    const keys = this.keysByPath.get(path) ?? [];
    if (keys.includes(key)) return;
    keys.push(key);
    this.keysByPath.set(path, keys);
    if (keys.length <= MAX_CONTENTS_PER_PATH) return;
    const evicted = keys.shift()!;
    // The same content may be another path's too (a copied file): it stays while one holds it.
    if (![...this.keysByPath.values()].some((others) => others.includes(evicted))) this.used.delete(evicted);
  }

  /**
   * Facts of content ESLint has already parsed: taken from its AST instead of parsing again.
   * Not kept: an editor sends a new content on every keystroke.
   */
  remember(key: string, extract: () => FileFacts): FileFacts {
    const outcome = this.outcomes.get(key);
    return outcome && 'facts' in outcome ? outcome.facts : extract();
  }

  /** Whether a blob's content is known to fail the candidate test, so that a file holding it need not be read. */
  isNonCandidate(blob: string): boolean {
    if (this.nonCandidates.has(blob)) return true;
    if (!this.store?.isNonCandidate(blob)) return false;
    this.nonCandidates.add(blob);
    return true;
  }

  recordNonCandidate(blob: string): void {
    if (this.nonCandidates.has(blob)) return;
    this.nonCandidates.add(blob);
    this.unsavedBlobs = true;
  }

  /** A baseline commit's contracts, as a previous process of this build and pattern built them. */
  getContracts(commit: string): ContractSet | undefined {
    return this.store?.readContracts(commit);
  }

  /** Keeps a baseline commit's contracts for the next process (a commit's contracts never change). */
  putContracts(commit: string, set: ContractSet): void {
    this.store?.writeContracts(commit, set);
  }

  /** The working tree as the last full load of it left it (see kept-project.ts), not yet checked against the disk. */
  getKeptProject(): unknown {
    return this.store?.readWorktree();
  }

  keepProject(body: () => unknown): void {
    this.store?.writeWorktree(body);
  }

  /** Writes newly parsed facts and newly found blobs to the store, if there is one and anything is new; called once both versions are loaded. */
  save(): void {
    if (!this.store) return;
    if (this.unsavedFacts) this.store.write(this.used);
    if (this.unsavedBlobs) this.store.writeNonCandidates(this.nonCandidates);
    this.unsavedFacts = false;
    this.unsavedBlobs = false;
    this.store.release();
  }
}
