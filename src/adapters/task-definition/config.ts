import type { AdapterConfigBase } from '../kind.js';

/**
 * Tasks defined by a call with an options object whose `id` is the wire name and whose `run`
 * receives the payload (Trigger.dev): `export const hello = task({ id: 'hello', run })`,
 * triggered through the task object (`hello.trigger(payload)`) or by id (`tasks.trigger('hello', payload)`).
 */
export interface TaskDefinitionConfig extends AdapterConfigBase {
  type: 'task-definition';
  /** Definers as written: `task`, `schemaTask`, `schedules.task`. */
  definers: string[];
  /** Methods of a task object, and whether they take one payload or a batch of `{ payload }` items. */
  taskMethods: Record<string, 'single' | 'batch'>;
  /** `tasks.trigger('id', payload)`: objects and methods naming a task by id, one payload or a batch. */
  byId: { objects: string[]; methods: Record<string, 'single' | 'batch'> };
  /** `batch.trigger([{ id, payload }])`. */
  byIdItems: { objects: string[]; methods: string[] };
  /** `batch.triggerByTask([{ task, payload }])`. */
  byTaskItems: { objects: string[]; methods: string[] };
}
