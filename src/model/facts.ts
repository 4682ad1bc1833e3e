/**
 * What one file says about jobs, before anything is resolved across files.
 * Facts are plain data (JSON-serializable) so they can be cached by content hash
 * and written into snapshots.
 */

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

export type Optionality = 'required' | 'optional' | 'default' | 'rest';

/** A handler parameter (positional) or a payload field (object payload). */
export interface Member {
  name: string;
  optionality: Optionality;
  /** Normalized type text, or undefined when the code declares none. */
  type?: string;
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

/** Where the fields of an object payload come from: an inline type literal or a named type. */
export type PayloadSource = { inline: Member[] } | { ref: TypeRef };

export interface HandlerFact {
  method: string;
  span: SourceSpan;
  params: Member[];
  /** When the handler takes a single object parameter: where its fields come from. */
  payload?: PayloadSource;
  /** The first type argument of the first parameter's type, e.g. `Payload` in `job: Job<Payload>`. */
  firstParamTypeArgument?: PayloadSource;
  /** Sketch of the body's tokens (adapters/fingerprint.ts), to recognize a renamed job. */
  fingerprint?: number[];
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

export interface TypeDeclFact {
  name: string;
  fields: Member[];
  isExported: boolean;
}

export interface ArgumentsFact {
  count: number;
  /** True when the arguments cannot be read (a spread, or an array payload held in a variable). */
  hasSpread: boolean;
  /** Keys of the first argument when it is an object literal without spread elements ([] when it is absent). */
  objectKeys?: string[];
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
  /** Adapters that recognized the call; absent for the default (activejob) static shape. */
  adapters?: string[];
}

/** A module-level value that names can be read from: strings, string enums, `as const` objects, functions. */
export type ValueFact =
  | { kind: 'string'; value: string }
  | { kind: 'object'; frozen: boolean; props: Record<string, ValueFact>; keySpans?: Record<string, SourceSpan> }
  | { kind: 'function'; fn: HandlerFact }
  | { kind: 'ref'; path: string[] };

/** A handler function as a registry names it: written inline, or a reference to a module-level value. */
export type HandlerRef = { fn: HandlerFact } | { path: string[] };

/** `faktory.register('SendEmail', fn)`, `agenda.define('send email', fn)`. */
export interface RegistrationFact {
  adapters: string[];
  method: string;
  names: NameRef[];
  handler: HandlerRef;
  /** `define<Payload>(...)`. */
  typeArgument?: PayloadSource;
  span: SourceSpan;
}

/** An object map of jobs given to a known constructor: `new Worker(options, jobs)`. */
export interface RegistryMapFact {
  adapters: string[];
  map: { inline: ValueFact & { kind: 'object' } } | { path: string[] };
  span: SourceSpan;
}

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
}

export interface FileFacts {
  classes: ClassFact[];
  imports: Record<string, ImportBinding>;
  /** Local names re-exported under another name: `export { A as B }`. */
  exportAliases: Record<string, string>;
  types: TypeDeclFact[];
  enqueues: EnqueueFact[];
  /** Module-level `const`s, string enums and functions that names and handlers resolve through. */
  values?: Record<string, ValueFact>;
  registrations?: RegistrationFact[];
  registryMaps?: RegistryMapFact[];
  namedEnqueues?: NamedEnqueueFact[];
  /**
   * Set on the facts of a `package.json`: the package names it depends on, which decide the
   * adapters enabled by default for the files below it.
   */
  dependencies?: string[];
}

export function isEmptyFacts(facts: FileFacts): boolean {
  return (
    facts.classes.length === 0 &&
    facts.enqueues.length === 0 &&
    facts.types.length === 0 &&
    !facts.registrations?.length &&
    !facts.registryMaps?.length &&
    !facts.namedEnqueues?.length
  );
}
