/** What one file says about jobs registered under a name, before anything is resolved across files. */
import type { HandlerRef, NameRef, PayloadSource, SourceSpan, ValueFact } from '../../model/facts.js';

/** `faktory.register('SendEmail', fn)`, `agenda.define('send email', fn)`. */
export interface RegistrationFact {
  adapters: string[];
  method: string;
  /** The object the method is called on, as a reference path (`boss`, `this.boss`). */
  receiverPath?: string[];
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
  /** The sibling map of payload schemas by the same names (`catalog`), and the key of an entry that holds the schema. */
  schemas?: { map: ValueFact & { kind: 'object' }; key?: string };
  span: SourceSpan;
}

/** A job written as an object literal: `{ id, trigger: { name, schema }, handler } satisfies JobDefinition`. */
export interface ObjectDefinitionFact {
  adapters: string[];
  name: NameRef;
  handler?: HandlerRef;
  /** Inline zod fields of the schema, or the type of the handler's payload parameter. */
  payload?: PayloadSource;
  /** A schema not written inline (`schema: EmailPayload`, `Base.extend({...})`), resolved across files; null when it cannot be read. */
  schema?: ValueFact | null;
  /** The definition call's type argument (`createQueue<ExportData>({...})`, `defineJob<Payload>({...})`): the payload's type. */
  typeArgument?: PayloadSource;
  /** The name's value, where the job is reported. */
  span: SourceSpan;
}

/** The registry kind's facts of one file, under `facts.kinds['string-registry']`. */
export interface RegistryFacts {
  registrations?: RegistrationFact[];
  registryMaps?: RegistryMapFact[];
  objectDefinitions?: ObjectDefinitionFact[];
  /** The module's default export when it is a function (`export default`, `module.exports =`): a task file of a task directory. */
  defaultExport?: HandlerRef;
  /** Payload types declared in a global interface keyed by wire name (`GraphileWorker.Tasks`): by `Namespace.Interface`, then by name. */
  declaredPayloads?: Record<string, Record<string, PayloadSource>>;
}
