/**
 * The one interface every adapter kind implements. A kind is a shape of job code (class jobs,
 * name registries, queue workers, ...): it knows its configurations, what its share of the
 * one traversal reads, and how its facts become jobs and enqueue sites across files. Nothing
 * outside a kind's folder knows what a kind means; the traversal, the prefilter and the
 * contract builder only call these methods, in the order of `kinds.ts`.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { z } from 'zod';
import type { DispatcherContract, EnqueueSite, JobContract } from '../model/contract.js';
import type { FileFacts, NamedEnqueueFact } from '../model/facts.js';
import type { ProjectResolver } from '../resolve/resolver.js';
import type { SyntaxContext } from './shared/syntax.js';

/**
 * How the framework encodes job arguments: what survives a round trip (no-unserializable-payload
 * checks payload types against it, model/encodings.ts). `json`: strings, finite numbers,
 * booleans, null, arrays and plain objects (a Date arrives as a string, undefined members vanish,
 * Map/Set/class instances lose their prototype, bigint throws). `bson`: JSON's types plus Date,
 * binary data, 64-bit integers and ObjectId; still no functions, Map, Set or class instances.
 * `custom`: a serializer the plugin does not know (superjson, a codec of the app's own): no
 * finding about encoding.
 */
export type Serialization = 'json' | 'bson' | 'custom';

/**
 * Which objects a method must be called on to count, where the method name alone is too common
 * (`send`, `add`, `work`): one whose name contains one of `names` (any case: `boss`, `this.pgBoss`),
 * or one bound in the file or a relative module to `new T(...)` or declared `x: T` for `T` in `types`.
 */
export interface ReceiverConstraint {
  names: string[];
  types: string[];
}

/** What every adapter configuration has, whatever its kind. */
export interface AdapterConfigBase {
  type: string;
  name: string;
  serialization?: Serialization;
  /**
   * What a worker does with a job of a name it does not know, where the framework decides it
   * whatever the code: `waits` when the job stays queued until a worker that knows it runs
   * (Trigger.dev's *Waiting for deploy*, workers that fetch only the names they define). Enqueuing
   * a new job before its workers are deployed is then harmless.
   */
  unknownJob?: 'waits';
  /**
   * Enqueue methods whose job runs on the version of the code that calls it (Trigger.dev's
   * `triggerAndWait`: the child run is locked to its parent's version). A job only ever
   * enqueued this way never meets the other version's payloads.
   */
  callerVersion?: string[];
}

/** A built-in configuration, and the packages whose presence in the nearest package.json enables it by default. */
export interface Preset<C extends AdapterConfigBase> {
  config: C;
  packages: readonly string[];
  /**
   * A preset for an in-house layer over any queue (app-level task classes), rather than a
   * framework of its own: its jobs and sites meet those of every framework.
   */
  inHouse?: boolean;
}

/** An adapter as users declare it in settings: a full configuration, or a preset (`extends`) with overrides. */
export interface AdapterSetting {
  type: string;
  name: string;
  extends?: string;
  /**
   * The framework an in-house layer runs on (`bullmq`): its jobs and enqueue sites meet only that
   * framework's, not those of every framework (a Trigger.dev task of the same name).
   */
  framework?: string;
  [key: string]: unknown;
}

/** The top-level detection settings, from which a kind may build a preset of its own (always enabled). */
export interface DetectionSettings {
  baseClasses: string[];
  handlerMethods: string[];
  enqueueMethods: string[];
  queueProperty: string;
}

/** What a kind's configurations ask of the shared readers, and add to the candidate prefilter. */
export interface KindNeeds {
  /**
   * Alternatives of the cheap text test that selects candidate files, in the common subset of
   * JavaScript regular expressions and POSIX ERE (no class may match a newline).
   */
  tokens: string[];
  /** Packages whose import selects a file: its processors, queues and flows are read. */
  packages?: string[];
  /** Class members the shared class reader keeps: handler methods, static names, static option objects. */
  classes?: { handlerMethods: string[]; staticProperties: string[]; staticOptions: string[] };
  /**
   * Objects whose bindings the shared reader records (`const q = new Queue('email')`, `q: Queue`):
   * their types, those also made by a plain call (`Bull('email')`), and decorators that inject one;
   * `typedMembers`: also every field and parameter declared with a class type
   * (`private emailQueue: EmailQueueService`), whatever the type.
   */
  receivers?: { types: string[]; callable?: string[]; inject?: string[]; typedMembers?: boolean; names?: string[] };
}

type NodeOfType<T extends TSESTree.Node['type']> = Extract<TSESTree.Node, { type: T }>;

/** Handlers by node type, called on entering each node of that type. */
export type Visitor = { [T in TSESTree.Node['type']]?: (node: NodeOfType<T>, parent: TSESTree.Node | undefined) => void };

export interface ExtractionContext {
  /** The file's facts being written: kinds add the calls that enqueue a class to `enqueues`. */
  facts: FileFacts;
  /** Calls that name the jobs they enqueue, of every kind, in the order the traversal meets them. */
  namedEnqueues: NamedEnqueueFact[];
  syntax: SyntaxContext;
}

/**
 * A kind's share of one file's traversal. Which node types its visitor handles, and which call
 * names `calls` lists, may depend on its configurations only, never on the file: the traversal
 * plans its dispatch once per set. Visitors run before the readers of calls by name, each in
 * the order of the kinds (so a visitor's enqueue fact is there for a later reader to merge into).
 */
export interface KindExtraction {
  visitor?: Visitor;
  /**
   * Calls the kind reads by their name (`queue.add(...)`, `addJob(...)`): the traversal reads
   * each call's name once and hands the call to the kinds that listed it.
   */
  calls?: { names: ReadonlySet<string>; read(node: TSESTree.CallExpression): void };
  /** The kind's own facts of the file (stored under `facts.kinds[type]`), or undefined when it found none. */
  finish?(): unknown;
}

/** What a kind may do and ask while the contracts of one version are built. */
export interface ResolveContext {
  readonly files: ReadonlyMap<string, FileFacts>;
  readonly resolver: ProjectResolver;
  /** Adds a job; the first definition of a wire name stays, as a queue would pick one handler. */
  addJob(job: JobContract): boolean;
  /** Whether a job of this name exists among the jobs the adapter's kind defines. */
  hasJob(wireName: string, adapter: string): boolean;
  addSite(site: EnqueueSite): void;
  addDispatcher(dispatcher: DispatcherContract): void;
  /** Marks a call as taken by an enqueue site, so that no named enqueue at the same range adds another. */
  claimCall(file: string, range: readonly [number, number]): void;
  isClaimed(file: string, range: readonly [number, number]): boolean;
  /** Whether an adapter is enabled for a file (by `frameworks`, or the file's nearest package.json). */
  isEnabled(file: string, adapter: string): boolean;
  /** The first of `adapters` enabled for the file. */
  getEnabled(file: string, adapters: readonly string[] | undefined): string | undefined;
  /** State a kind keeps for the length of one build, made on first use. */
  memo<T>(key: string, create: () => T): T;
}

/**
 * Methods are written as methods (not properties) on purpose: TypeScript checks their
 * parameters bivariantly, so a kind of a narrower configuration type fits the list of kinds.
 */
export interface AdapterKind<C extends AdapterConfigBase = AdapterConfigBase> {
  readonly type: C['type'];
  readonly presets: readonly Preset<C>[];
  /** A preset built from the top-level detection settings: enabled in every file (unless `frameworks` leaves it out), and extracted after all others. */
  readonly settingsPreset?: { name: string; build(settings: DetectionSettings): C };
  /** Kinds users can declare in settings: the schema of a declared adapter, and how it completes with its preset. */
  readonly declarable?: {
    schema: z.ZodObject;
    fromSetting(own: Omit<AdapterSetting, 'extends'>, preset: C | undefined): C;
  };
  needs(configs: readonly C[], packagesOf: (adapter: string) => readonly string[]): KindNeeds;
  extract(configs: readonly C[], context: ExtractionContext): KindExtraction;
  /** Jobs the file defines; runs for every file, kind by kind, before any site is defined. */
  defineJobs?(file: string, facts: FileFacts, configs: readonly C[], context: ResolveContext): void;
  /** Enqueue sites of the file other than its named enqueues; runs before them, file by file. */
  defineSites?(file: string, facts: FileFacts, configs: readonly C[], context: ResolveContext): void;
  /** The sites of a named enqueue whose first enabled adapter is of this kind. */
  defineNamedSites?(file: string, enqueue: NamedEnqueueFact, config: C, context: ResolveContext): void;
}

/** The kind's own facts of a file, as its `finish` returned them. */
export function getKindFacts<F>(facts: FileFacts, type: string): F | undefined {
  return facts.kinds?.[type] as F | undefined;
}
