import type { ArgumentsFact, DelayFact, Member, SourceSpan } from './facts.js';

/** A place in the project: a repository-relative POSIX path and a span in it. */
export interface Location {
  file: string;
  span: SourceSpan;
}

export interface MemberContract extends Member {
  /** The file that declares the member (a payload type may live in another file). */
  file: string;
}

/** The wire contract of one job, as one version of the code defines it. */
export interface JobContract {
  wireName: string;
  queue?: string;
  /**
   * Other queues a processor handles this name on (a framework that routes by queue alone):
   * one job here, on several queues, so which queue it moves from or to is not known.
   */
  alsoQueues?: string[];
  location: Location;
  handler: string;
  /** 'positional' compares params; 'payload' compares the fields of the single object parameter. */
  style: 'positional' | 'payload';
  params: MemberContract[];
  fields: MemberContract[];
  /** The adapter (preset or declared) that recognized the job, by its name. */
  adapter?: string;
  /**
   * The framework whose workers run it (the preset its adapter is or extends); absent for an
   * in-house layer of no known framework. Two frameworks' jobs of one name are two jobs.
   */
  framework?: string;
  /** The framework keeps a job its workers do not know queued until one that knows it runs (see AdapterConfigBase). */
  unknownJob?: 'waits';
  /**
   * How the framework encodes the arguments: 'json' for most, 'bson' for queues stored in
   * MongoDB, 'custom' for a serializer the plugin does not know (superjson): see model/encodings.ts.
   */
  serialization?: 'json' | 'bson' | 'custom';
  /** Sketch of the handler body's tokens, to recognize a renamed job. */
  fingerprint?: number[];
  /** Date methods the handler calls on its arguments (`job.data.sentAt.getTime`): a member typed Date that is used as one. */
  dateUses?: string[];
  /**
   * The code declares a payload the plugin cannot read (a schema built by `.extend()`, a type it
   * cannot resolve): its members are unknown, not absent, and are compared in neither direction.
   */
  membersUnknown?: true;
  /** The wire name is the name of the job's file (a registry of a folder's modules): no alias class keeps an old name handled. */
  namedBy?: 'file';
  /**
   * Where an alias that keeps an old wire name handled can be written: for a class job named
   * by its class, just past its declaration. Absent where the adapter knows no alias form.
   */
  aliasAnchor?: { offset: number; className: string; exported: boolean };
}

export interface EnqueueSite {
  /** The wire name the call sends; it may name no current job (a deleted or unknown one). */
  wireName: string;
  /**
   * 'class' when the call names a job class (TypeScript sees a dangling reference), 'string'
   * when it names the job by a string the type checker cannot follow. Dynamic names make no site.
   */
  nameSource: 'class' | 'string';
  method: string;
  args: ArgumentsFact;
  location: Location;
  /** The adapter whose enqueue shape the call matches. */
  adapter?: string;
  /** The framework the call enqueues through; absent for an in-house layer. See `reaches`. */
  framework?: string;
  /** The queue the call names, where it names one by a literal or constant. */
  queue?: string;
  /** The call delays the job: jobs it queued may wait for a later deploy (`ms` when the delay is a constant). */
  delay?: DelayFact;
  /** The job runs on the version of the code that makes this call (a child its parent waits for): see AdapterConfigBase.callerVersion. */
  callerVersion?: true;
}

/** A processor that dispatches on the job's name (`switch (job.name)`): what a job under any other name meets. */
export interface DispatcherContract {
  /** The queue the processor reads, where it is known. */
  queue?: string;
  adapter?: string;
  kind: 'switch' | 'if' | 'map';
  /** 'silent': the job completes without running; 'throws': it fails; 'delegates': another function takes it. */
  unknown: 'throws' | 'silent' | 'delegates';
  /** The names it handles. */
  names: string[];
  /** The `switch`, the first `if`, or the lookup. */
  location: Location;
}

/** Every job and enqueue site of one version of the project. */
export interface ContractSet {
  jobs: Map<string, JobContract>;
  sites: EnqueueSite[];
  /** Processors that dispatch on the job's name (current version only; snapshots leave them out). */
  dispatchers?: DispatcherContract[];
  /**
   * Files of this version that could not be read (too big, unparsable): their jobs are unknown
   * here, so a job of the other version in such a file is neither new nor deleted. By path, why.
   */
  unreadable?: ReadonlyMap<string, string>;
}

type Named = { wireName: string; framework?: string | undefined };

/** The key of a job among a version's jobs: its framework, where it has one, and its wire name. */
export function getJobKey(job: Named): string {
  return job.framework === undefined ? job.wireName : `${job.framework}\0${job.wireName}`;
}

/**
 * Whether a site can deliver to a job, or two versions' jobs are one: the same wire name, and
 * the same framework unless either belongs to none (an in-house layer may sit on any queue).
 */
export function isSameJob(a: Named, b: Named): boolean {
  return a.wireName === b.wireName && (a.framework === undefined || b.framework === undefined || a.framework === b.framework);
}

const jobsByName = new WeakMap<ReadonlyMap<string, JobContract>, Map<string, JobContract[]>>();

/**
 * The job of `jobs` that a site (or another version's job) stands for: the one of its own
 * framework, else one of no framework, else (for an in-house site) the first of that name.
 * `jobs` must not change after the first call.
 */
export function findJob(jobs: ReadonlyMap<string, JobContract>, named: Named): JobContract | undefined {
  const own = named.framework === undefined ? undefined : jobs.get(getJobKey(named));
  if (own) return own;
  const unscoped = jobs.get(named.wireName);
  if (unscoped) return unscoped;
  if (named.framework !== undefined) return undefined;
  let index = jobsByName.get(jobs);
  if (!index) {
    index = new Map();
    for (const job of jobs.values()) index.set(job.wireName, [...(index.get(job.wireName) ?? []), job]);
    jobsByName.set(jobs, index);
  }
  return index.get(named.wireName)?.[0];
}

export function formatLocation(location: Location): string {
  return `${location.file}:${location.span.start.line}`;
}

/**
 * Whether a version has a file that did not parse (not one skipped for its size): it may define
 * any job, so that a name no readable file handles is unknown there, not absent.
 */
export function hasUnparsableFile(set: ContractSet): boolean {
  for (const reason of set.unreadable?.values() ?? []) if (!reason.startsWith(OVERSIZE_REASON)) return true;
  return false;
}

/** How the reason of a file left out for its size starts (project/load-project.ts). */
export const OVERSIZE_REASON = 'over ';
