/** What one file says about tasks defined by a call, before anything is resolved across files. */
import type { HandlerFact, NameRef, PayloadSource, SourceSpan, ValueFact } from '../../model/facts.js';

/**
 * A task defined by a call with an options object: `task({ id: 'hello', run })`, `schemaTask({
 * id, schema, run })`, `schedules.task({ id, cron, run })` (Trigger.dev).
 */
export interface TaskDefinitionFact {
  adapters: string[];
  /** The definer as written: `task`, `schemaTask`, `schedules.task`. */
  definer: string;
  id: NameRef;
  /** The `run` function; its first parameter is the payload. */
  handler?: HandlerFact;
  /** Where the payload's fields come from: the zod `schema`, else the type of `run`'s first parameter. */
  payload?: PayloadSource;
  /** A schema not written inline (`schema: EmailPayload`, `Base.extend({...})`), resolved across files; null when it cannot be read. */
  schema?: ValueFact | null;
  /** The `id` value, where the task is reported. */
  span: SourceSpan;
}

/** The task-definition kind's facts of one file, under `facts.kinds['task-definition']`. */
export interface TaskFacts {
  taskDefinitions: TaskDefinitionFact[];
}
