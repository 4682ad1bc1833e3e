/**
 * What one file says about jobs, before anything is resolved across files.
 * Facts are plain data (JSON-serializable) so they can be cached by content hash
 * and written into snapshots.
 */

import type { TypeShape } from './type-shape.js';

/** A position as ESLint reports it: 1-based line, 0-based column. */
export interface Position {
  line: number;
  column: number;
}

export interface SourceSpan {
  start: Position;
  end: Position;
  /** Character offsets into the file's text; used for fixes. */
  range: [number, number];
}

/**
 * k of the bottom-k sketches that fingerprint handler bodies: the extractor cuts them to this
 * size and the rename check estimates similarity with it, so both must read this one value.
 */
export const SKETCH_SIZE = 64;

export type Optionality = 'required' | 'optional' | 'default' | 'rest';

/** A handler parameter (positional) or a payload field (object payload). */
export interface Member {
  name: string;
  optionality: Optionality;
  /** Normalized type text, or undefined when the code declares none. */
  type?: string;
  /** The type's structure, compared by assignability (absent in snapshots of older versions: the text is compared then). */
  shape?: TypeShape;
  span: SourceSpan;
  /**
   * How to write the transitional (optional) form of this member, computed by the
   * extractor that knows the syntax. Absent when no safe textual edit exists.
   */
  makeOptional?: TextEdit;
}

export interface TextEdit {
  range: [number, number];
  text: string;
}

/** A reference to a type declared elsewhere (interface or type alias). */
export interface TypeRef {
  /** Local name in the file that uses it. */
  name: string;
}

/**
 * Where the fields of an object payload come from: an inline type literal, a named type, or
 * the type a zod schema infers (`z.infer<typeof Schema>`, `z.input`, `z.output`), the schema by
 * reference to a module-level value.
 */
export type PayloadSource =
  | { inline: Member[] }
  | { ref: TypeRef }
  | { schema: string[] }
  | { indexed: { type: string; key: NameRef } }
  /** `Omit<Base, 'x'> & { y?: string }`, `Scoped<Props>`: a structure to evaluate with the project, whose fields stand at `span`. */
  | { shape: TypeShape; span: SourceSpan };

export interface HandlerFact {
  method: string;
  span: SourceSpan;
  params: Member[];
  /** When the handler takes a single object parameter: where its fields come from. */
  payload?: PayloadSource;
  /** When the handler takes more than one parameter: the first one's payload source (`(payload: Payload, helpers)`). */
  firstParamPayload?: PayloadSource;
  /** The first type argument of the first parameter's type, e.g. `Payload` in `job: Job<Payload>`. */
  firstParamTypeArgument?: PayloadSource;
  /** Sketch of the body's tokens (adapters/shared/fingerprint.ts), to recognize a renamed job: at most SKETCH_SIZE hashes. */
  fingerprint?: number[];
  /** Date methods the body calls on values from its parameters, by path (`job.data.sentAt.getTime`): adapters/shared/date-uses.ts. */
  dateUses?: string[];
  /** When the function dispatches on its job's name (`switch (job.name)`): the cases and what an unknown name meets. */
  dispatch?: DispatchFact;
}

/**
 * A processor's dispatch on the job's name: `switch (job.name)`, an `if` chain on it, or a
 * lookup in a map of handlers keyed by name.
 */
export interface DispatchFact {
  kind: 'switch' | 'if' | 'map';
  /**
   * What a job under any other name meets: an error ('throws'), the end of the processor, so
   * that the job completes without running ('silent'), or a call that hands the job on ('delegates').
   */
  unknown: 'throws' | 'silent' | 'delegates';
  /** The `switch`, the first `if`, or the lookup. */
  span: SourceSpan;
  /** The names handled (switch and if); a map's names are its keys, read when it is resolved. */
  cases: DispatchCaseFact[];
  /** The map looked up (`handlers[job.name]`), as a reference to a module-level object. */
  map?: { path: string[]; passes: 'job' | 'data' };
}

export interface DispatchCaseFact {
  names: NameRef[];
  /** The first name of the case, where the job is reported. */
  span: SourceSpan;
  /** The case's own code as a handler: its fingerprint, and its payload from a cast of the job's data. */
  fn: HandlerFact;
  /** A function the case hands the job or its data to: `return sendWelcome(job.data)`, `this.welcome(job)`. */
  delegate?: { path: string[]; passes: 'job' | 'data' };
}

/**
 * What a local name is bound to, read from its declaration anywhere in the file: `const q =
 * new Queue('email')`, `q: Queue<Data>`, `@InjectQueue('email') private q: Queue`.
 */
export interface BindingFact {
  /** The constructor of `new X(...)`, or the type name of an annotation (last segment, without type arguments). */
  types: string[];
  /** `const queue = getExportQueue()`: the getter whose result it is, as a receiver path (`['getExportQueue()']`). */
  madeBy?: string[];
  /** The name given to the object: `new Queue('email')`, `@InjectQueue('email')`. */
  name?: NameRef;
}

/**
 * How a name (a wire name or a queue) is written: a string, or a reference resolved across
 * the project's files (`SEND_EMAIL`, `Jobs.Send`, `JOBS.send`, `EmailJob.name`). Names written
 * any other way are dynamic and produce no fact at all.
 */
export type NameRef = { value: string } | { path: string[] };

export interface ClassFact {
  name: string;
  span: SourceSpan;
  isAbstract: boolean;
  isExported: boolean;
  isDefaultExport: boolean;
  /** The superclass as written: an identifier, possibly an import binding. */
  superClass?: string;
  /** The superclass's first type argument: `Payload` in `extends Job<Payload>`. */
  superTypeArgument?: PayloadSource;
  /** The first argument of the constructor's `super(...)` call, when it is a name: `super(Topics.Email, connection)`. */
  superArgument?: NameRef;
  /** Methods named as a handler by any class-job adapter. */
  handlers: HandlerFact[];
  /** Offset just past the class declaration (and its `export`), where an alias class can go. */
  declarationEnd?: number;
  /** Static properties that adapters read (queue, wire name): `static queue = 'mailers'`. */
  statics?: Record<string, NameRef>;
  /** Static object properties that adapters read: `static options = { name: 'x', queue: 'q' }`. */
  staticObjects?: Record<string, Record<string, NameRef>>;
}

export interface ImportBinding {
  /** Module specifier as written. */
  source: string;
  /** Exported name, 'default', or '*' for a namespace import. */
  imported: string;
}

/**
 * An `export ... from` declaration: `export { a as b } from './a'` (imported `a`, exported `b`),
 * `export * from './a'` (both `*`), `export * as ns from './a'` (imported `*`, exported `ns`).
 */
export interface ReExportFact {
  source: string;
  imported: string;
  exported: string;
}

export interface TypeDeclFact {
  name: string;
  fields: Member[];
  isExported: boolean;
  /** `type A = z.infer<typeof Schema>`: the fields are the schema's, by reference. */
  schema?: string[];
  /**
   * Named types whose fields it has too: `interface A extends B, C`, `type A = B & { ... }`
   * (plain names only). Their fields come first; its own fields override them.
   */
  bases?: string[];
  /**
   * Members keyed by a name (`[QueueName.Export]: { ... }`), for indexed access
   * (`TQueueJobTypes[QueueName.Export]`): each key as written, with where its type's fields come from.
   */
  entries?: Array<{ key: NameRef; source: PayloadSource }>;
  /** Type parameters (`type Scoped<T> = ...`, `interface Envelope<T>`), replaced by a reference's arguments. */
  params?: string[];
  /**
   * The declared type's structure when it is not read as fields: `type Format = 'csv' | 'json'`,
   * `type Scoped<T> = T & { teamId: string }`, an enum (the union of its values).
   */
  shape?: TypeShape;
  /** An enum's members by name, for `Format.Csv` written as a type. */
  members?: Record<string, TypeShape>;
  /** Where a declaration read by its `shape` stands: the place of the fields it yields. */
  span?: SourceSpan;
}

export interface ArgumentsFact {
  count: number;
  /** True when the arguments cannot be read (a spread, or an array payload held in a variable). */
  hasSpread: boolean;
  /** Keys of the first argument when it is an object literal without spread elements ([] when it is absent). */
  objectKeys?: string[];
  /** Keys of the object literals nested in that argument, by dotted path (`payload`: `['projectId', 'traceIds']`). */
  nestedKeys?: Record<string, string[]>;
  /**
   * The types of the values written as literals (`null`, `'pdf'`, `3`, `new Date()`): by key of
   * the object argument, and by position (`#0`, `#1`) for positional arguments.
   */
  literals?: Record<string, TypeShape>;
  /** Values of a built-in type not every encoding keeps (`new Date()`, `new Map()`, `10n`, a function), with where each is written. */
  builtins?: BuiltinValueFact[];
}

/** A value the call constructs (`new Date()`), by its key path (`at`, `window.from`) or position (`#1`). */
export interface BuiltinValueFact {
  key: string;
  /** `{ k: 'ref', name: 'Date' }`, `{ k: 'prim', name: 'bigint' }`, `{ k: 'ref', name: 'Function' }`. */
  shape: TypeShape;
  span: SourceSpan;
}

/**
 * A call lets its job run late: it delays it (`{ delay: 5000 }`, `enqueueIn(ms, ...)`, `runAt: date`)
 * or retries it with a backoff (`retry`). `ms`: how late at most, when that is a constant.
 */
export interface DelayFact {
  ms?: number;
  retry?: true;
}

/** A call that may enqueue a job class; resolved against the project's job classes later. */
export interface EnqueueFact {
  /** The class identifier as written at the call. */
  callee: string;
  method: string;
  args: ArgumentsFact;
  span: SourceSpan;
  /** The queue the call names (`.toQueue('q')`, `.queue('q')`, `.set({ queue: 'q' })`). */
  queue?: NameRef;
  /** Adapters that recognized the call. */
  adapters?: string[];
  /** The call delays the job (`X.set({ wait: 3600 }).performLater()`). */
  delay?: DelayFact;
}

/** A module-level value that names can be read from: strings, string enums, `as const` objects, functions. */
export type ValueFact =
  | { kind: 'string'; value: string }
  /** `partial`: some of its properties were not read (a spread, a computed key, a value of another kind): its props are not all it has. */
  | { kind: 'object'; frozen: boolean; props: Record<string, ValueFact>; keySpans?: Record<string, SourceSpan>; partial?: true }
  | { kind: 'function'; fn: HandlerFact }
  | { kind: 'ref'; path: string[] }
  /**
   * `new Queue('email')`, `task({ id: 'hello', ... })`, `eventType('app/user.created', { schema })`:
   * an object made by a framework, with the name it is given (the first argument, or the `id` of an
   * options object) and, for an event type, where its data's fields come from (an inline zod
   * schema or `staticSchema<T>()`, or a zod schema by reference).
   */
  | { kind: 'instance'; callee: string; name?: NameRef; payload?: PayloadSource; schemaPath?: string[] }
  /** `z.object({...})`: a payload schema's fields. */
  | { kind: 'schema'; fields: Member[] }
  /**
   * `Base.extend({...})`, `.merge(Other)`, `.pick({ a: true })`, `.omit(...)`, `.partial()`,
   * `.required()`, and the methods that keep the shape (`.strict()`, `.refine(...)`): a schema made
   * from another, evaluated where the base resolves (resolve/derived-schemas.ts).
   */
  | { kind: 'derived-schema'; op: DerivedSchemaOp; base: ValueFact; fields?: Member[]; other?: ValueFact; keys?: string[] };

export type DerivedSchemaOp = 'extend' | 'merge' | 'pick' | 'omit' | 'partial' | 'required' | 'same';

/** A handler function as a registry names it: written inline, or a reference to a module-level value. */
export type HandlerRef = { fn: HandlerFact } | { path: string[] };

/** A call that names a job by string: `queue.enqueue('math', 'add', [1, 2])`. */
export interface NamedEnqueueFact {
  adapters: string[];
  method: string;
  /** Several for `schedule(when, ['a', 'b'])`. */
  names: NameRef[];
  queue?: NameRef;
  args: ArgumentsFact;
  span: SourceSpan;
  /** The object the method is called on, when it is a plain name (`queue`) or `new X()`. */
  receiver?: string;
  /** The call delays the job: its options (`{ delay }`, `{ startAfter }`, `{ runAt }`) or its method (`enqueueIn`) say so. */
  delay?: DelayFact;
  /** The object the method is called on, as a reference path (`emailQueue`, `this.queue`, `queues.email`). */
  receiverPath?: string[];
  /** The call names its job through a request object (`addBulk([{ name, data }])`): where the object is. */
  requestSpan?: SourceSpan;
  /**
   * The names are references to task objects (`helloTask.trigger(payload)`, whose `id` is the wire
   * name) or to workflow functions (`client.workflow.start(example, ...)`, named by the function).
   */
  byBinding?: boolean;
  /** The name is one the type checker follows (an activity of `proxyActivities<typeof activities>()`): not a string the rules must check. */
typed?: boolean;
  /**
   * The receiver was recognized by its name alone (`temporalClient.start(wf, ...)`): the call
   * starts what it names only where that is already a job; it makes no job of its own.
   */
  byReceiverName?: boolean;
}

export interface FileFacts {
  classes: ClassFact[];
  imports: Record<string, ImportBinding>;
  /** Local names re-exported under another name: `export { A as B }`. */
  exportAliases: Record<string, string>;
  /** Names of `export { a, b as c }` lists without a source (`a`, `c`): with an import of their local name, they pass an import on. */
  exportedNames?: string[];
  /** Names this module exports from other modules, in source order. */
  reExports?: ReExportFact[];
  types: TypeDeclFact[];
  enqueues: EnqueueFact[];
  /** Module-level `const`s, string enums and functions that names and handlers resolve through. */
  values?: Record<string, ValueFact>;
  namedEnqueues?: NamedEnqueueFact[];
  /** Local names bound to framework objects (`q`, `this.q`), for the receivers of enqueue calls. */
  bindings?: Record<string, BindingFact>;
  /**
   * Every `new T(name)` of a receiver type (`new Queue(QueueName.Export)`), wherever it stands, with
   * its offset: what a getter function or class that makes one returns.
   */
  constructions?: Array<{ type: string; name: NameRef; offset: number }>;
  /**
   * Facts that only one adapter kind reads (its definitions of jobs), by the kind's type; each
   * kind declares their shape in its own folder.
   */
  kinds?: Record<string, unknown>;
  /**
   * Set on the facts of a `package.json`: the package names it depends on, which decide the
   * adapters enabled by default for the files below it.
   */
  dependencies?: string[];
}
