/** The string-registry presets: data only. */
import type { Preset, ReceiverConstraint } from '../kind.js';
import type { StringRegistryConfig } from './config.js';

/** node-resque: `new Worker({ queues }, { add: { perform: (a, b) => a + b } })`, `queue.enqueue('math', 'add', [1, 2])`. */
const NODE_RESQUE: StringRegistryConfig = {
  type: 'string-registry',
  name: 'node-resque',
  maps: [{ constructors: ['Worker', 'MultiWorker', 'Queue'], argIndex: 1, handlerKey: 'perform' }],
  handler: 'arguments',
  enqueue: [
    { methods: ['enqueue'], queueArg: 0, nameArg: 1, payloadArg: 2, payload: 'array' },
    { methods: ['enqueueIn'], queueArg: 1, nameArg: 2, payloadArg: 3, payload: 'array', delay: { arg: 0, unit: 'ms' } },
    { methods: ['enqueueAt'], queueArg: 1, nameArg: 2, payloadArg: 3, payload: 'array', delay: { arg: 0, unit: 'date' } },
  ],
  serialization: 'json',
};

/** faktory-worker: `faktory.register('SendEmail', async (to) => ...)`, `client.job('SendEmail', to).push()`. */
const FAKTORY: StringRegistryConfig = {
  type: 'string-registry',
  name: 'faktory-worker',
  register: [{ methods: ['register'], nameArg: 0, handlerArg: 1 }],
  handler: 'arguments',
  enqueue: [{ methods: ['job'], nameArg: 0, payloadArg: 1, payload: 'spread' }],
  serialization: 'json',
};

/** Agenda: `agenda.define('send email', async (job: Job<Data>) => ...)`, `agenda.now('send email', data)`. */
const AGENDA: StringRegistryConfig = {
  type: 'string-registry',
  name: 'agenda',
  register: [{ methods: ['define'], nameArg: 0, handlerArg: 1 }],
  handler: 'job-data',
  enqueue: [
    { methods: ['now'], nameArg: 0, payloadArg: 1, payload: 'single' },
    { methods: ['schedule'], nameArg: 1, payloadArg: 2, payload: 'single', delay: { arg: 0, unit: 'date' } },
    { methods: ['every'], nameArg: 1, payloadArg: 2, payload: 'single' },
  ],
  serialization: 'bson',
  unknownJob: 'waits',
};

/** `boss`, `this.pgBoss`, or an object of `new PgBoss(...)` / `boss: PgBoss`: `send` and `work` are too common alone. */
const BOSS: ReceiverConstraint = { names: ['boss'], types: ['PgBoss'] };

/** pg-boss: `boss.work('email', async ([job]) => ...)`, `boss.send('email', data)`; the queue is the name. */
const PG_BOSS: StringRegistryConfig = {
  type: 'string-registry',
  name: 'pg-boss',
  register: [{ methods: ['work'], nameArg: 0, handlerArg: 'last', receiver: BOSS }],
  handler: 'job-data',
  enqueue: [
    { methods: ['send', 'sendThrottled', 'sendDebounced', 'sendSingleton'], nameArg: 0, payloadArg: 1, payload: 'single', receiver: BOSS },
    { methods: ['sendAfter'], nameArg: 0, payloadArg: 1, payload: 'single', receiver: BOSS, delay: { arg: 3, unit: 's' } },
    { methods: ['send', 'insert'], nameArg: 0, payloadArg: 0, payload: 'request', requestKeys: { name: 'name', data: 'data' }, receiver: BOSS },
    { methods: ['schedule'], nameArg: 0, payloadArg: 2, payload: 'single', receiver: BOSS },
  ],
  serialization: 'json',
  unknownJob: 'waits',
};

/**
 * graphile-worker: task files of a `tasks/` directory (the path is the identifier), `run({ taskList })`;
 * `addJob('send_email', payload)` on helpers or worker utils, `quickAddJob(options, 'send_email', payload)`,
 * and `graphile_worker.add_job('send_email', ...)` in SQL; payloads typed by `GraphileWorker.Tasks`.
 */
const GRAPHILE_WORKER: StringRegistryConfig = {
  type: 'string-registry',
  name: 'graphile-worker',
  maps: [
    { functions: ['run', 'runOnce'], argIndex: 0, property: 'taskList' },
    { functions: ['runTaskList', 'runTaskListOnce'], argIndex: 1 },
  ],
  handler: 'payload-argument',
  directory: 'tasks',
  enqueue: [
    { methods: ['addJob'], nameArg: 0, payloadArg: 1, payload: 'single', bare: true },
    { methods: ['quickAddJob'], nameArg: 1, payloadArg: 2, payload: 'single', bare: true },
  ],
  sql: ['graphile_worker.add_job'],
  declaredPayloads: { namespace: 'GraphileWorker', interface: 'Tasks' },
  serialization: 'json',
  unknownJob: 'waits',
};

export const STRING_REGISTRY_PRESETS: ReadonlyArray<Preset<StringRegistryConfig>> = [
  { config: NODE_RESQUE, packages: ['node-resque'] },
  { config: FAKTORY, packages: ['faktory-worker'] },
  { config: AGENDA, packages: ['agenda', '@hokify/agenda'] },
  { config: PG_BOSS, packages: ['pg-boss'] },
  { config: GRAPHILE_WORKER, packages: ['graphile-worker'] },
];
