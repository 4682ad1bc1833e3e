/** The task-definition presets: data only. */
import type { Preset } from '../kind.js';
import type { TaskDefinitionConfig } from './config.js';

/**
 * Trigger.dev v3/v4: `export const hello = task({ id: 'hello', run })`, `schemaTask({ id, schema, run })`,
 * `schedules.task(...)`; `hello.trigger(payload)`, `tasks.trigger<typeof hello>('hello', payload)`, `batch.trigger([{ id, payload }])`.
 */
const TRIGGER_DEV: TaskDefinitionConfig = {
  type: 'task-definition',
  name: 'trigger.dev',
  definers: ['task', 'schemaTask', 'schedules.task'],
  taskMethods: { trigger: 'single', triggerAndWait: 'single', triggerAndPoll: 'single', batchTrigger: 'batch', batchTriggerAndWait: 'batch' },
  byId: { objects: ['tasks'], methods: { trigger: 'single', triggerAndWait: 'single', triggerAndPoll: 'single', batchTrigger: 'batch', batchTriggerAndWait: 'batch' } },
  byIdItems: { objects: ['batch'], methods: ['trigger', 'triggerAndWait'] },
  byTaskItems: { objects: ['batch'], methods: ['triggerByTask', 'triggerByTaskAndWait'] },
  // The SDK encodes payloads with superjson, which keeps Date, Map, Set and bigint.
  serialization: 'custom',
  unknownJob: 'waits',
  // https://trigger.dev/docs/versioning#child-tasks-and-version-locking: waiting triggers lock the child to the parent's version.
  callerVersion: ['triggerAndWait', 'batchTriggerAndWait', 'triggerByTaskAndWait'],
};

export const TASK_DEFINITION_PRESETS: ReadonlyArray<Preset<TaskDefinitionConfig>> = [{ config: TRIGGER_DEV, packages: ['@trigger.dev/sdk', 'trigger.dev'] }];
