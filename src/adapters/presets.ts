/**
 * The built-in adapter configurations, one per framework, and the packages whose presence in
 * the nearest package.json enables each by default. `activejob` is built from the top-level
 * detection settings (`baseClasses`, `handlerMethods`, `enqueueMethods`, `queueProperty`).
 */
import type { AdapterConfig, ClassJobConfig, EventFunctionConfig, QueueWorkerConfig, ReceiverConstraint, TaskDefinitionConfig, WorkflowModuleConfig } from './config.js';

export interface ActiveJobSettings {
  baseClasses: string[];
  handlerMethods: string[];
  enqueueMethods: string[];
  queueProperty: string;
}

export const ACTIVEJOB = 'activejob';

export function getActiveJobConfig(settings: ActiveJobSettings): ClassJobConfig {
  return {
    type: 'class-job',
    name: ACTIVEJOB,
    baseClasses: settings.baseClasses,
    baseClassSuffixes: ['Job', 'Task'],
    handlerMethods: settings.handlerMethods,
    queue: { staticProperty: settings.queueProperty },
    enqueue: { static: { methods: settings.enqueueMethods, via: ['set'] } },
    serialization: 'json',
  };
}

/** node-resque: `new Worker({ queues }, { add: { perform: (a, b) => a + b } })`, `queue.enqueue('math', 'add', [1, 2])`. */
const NODE_RESQUE: AdapterConfig = {
  type: 'string-registry',
  name: 'node-resque',
  maps: [{ constructors: ['Worker', 'MultiWorker', 'Queue'], argIndex: 1, handlerKey: 'perform' }],
  handler: 'arguments',
  enqueue: [
    { methods: ['enqueue'], queueArg: 0, nameArg: 1, payloadArg: 2, payload: 'array' },
    { methods: ['enqueueAt', 'enqueueIn'], queueArg: 1, nameArg: 2, payloadArg: 3, payload: 'array' },
  ],
  serialization: 'json',
};

/** Sidequest: `class EmailJob extends Job { run(to, subject) }`, `Sidequest.build(EmailJob).queue('mail').enqueue(to, subject)`. */
const SIDEQUEST: AdapterConfig = {
  type: 'class-job',
  name: 'sidequest',
  baseClasses: ['Job'],
  handlerMethods: ['run'],
  enqueue: { builder: { object: 'Sidequest', method: 'build', methods: { enqueue: 0, schedule: 1 }, queueMethods: ['queue'] } },
  serialization: 'json',
};

/** faktory-worker: `faktory.register('SendEmail', async (to) => ...)`, `client.job('SendEmail', to).push()`. */
const FAKTORY: AdapterConfig = {
  type: 'string-registry',
  name: 'faktory-worker',
  register: [{ methods: ['register'], nameArg: 0, handlerArg: 1 }],
  handler: 'arguments',
  enqueue: [{ methods: ['job'], nameArg: 0, payloadArg: 1, payload: 'spread' }],
  serialization: 'json',
};

/** Agenda: `agenda.define('send email', async (job: Job<Data>) => ...)`, `agenda.now('send email', data)`. */
const AGENDA: AdapterConfig = {
  type: 'string-registry',
  name: 'agenda',
  register: [{ methods: ['define'], nameArg: 0, handlerArg: 1 }],
  handler: 'job-data',
  enqueue: [
    { methods: ['now'], nameArg: 0, payloadArg: 1, payload: 'single' },
    { methods: ['schedule', 'every'], nameArg: 1, payloadArg: 2, payload: 'single' },
  ],
  serialization: 'bson',
};

/** Outline-style task classes on Bull/BullMQ: `class CleanupTask extends BaseTask<Props> { perform(props) }`, `new CleanupTask().schedule(props)`. */
const APP_TASK: AdapterConfig = {
  type: 'class-job',
  name: 'app-task',
  baseClasses: ['BaseTask'],
  handlerMethods: ['perform'],
  payloadTypeArgument: true,
  enqueue: { instance: { methods: ['schedule'] }, static: { methods: ['schedule'] } },
  serialization: 'json',
};

/** NestJS's queue modules: `@Processor('email')` classes, `@Process('name')` methods (Bull), `process(job)` on a WorkerHost (BullMQ). */
const NEST_QUEUES: QueueWorkerConfig['nest'] = { processor: ['Processor'], process: ['Process'], hostMethod: 'process', inject: ['InjectQueue'] };

/**
 * BullMQ: `new Worker('email', async (job) => { switch (job.name) { ... } })`, `emailQueue.add('welcome', data)`,
 * `addBulk`, `upsertJobScheduler`, `FlowProducer#add`; NestJS's `@nestjs/bullmq`.
 */
const BULLMQ: QueueWorkerConfig = {
  type: 'queue-worker',
  name: 'bullmq',
  workers: ['Worker'],
  processMethods: [],
  nest: NEST_QUEUES,
  queues: { names: ['queue'], types: ['Queue'] },
  enqueue: { add: ['add'], bulk: ['addBulk'], schedulers: ['upsertJobScheduler'] },
  flows: { types: ['FlowProducer'], methods: ['add', 'addBulk'] },
  serialization: 'json',
};

/** Bull: `queue.process('welcome', fn)`, `queue.add('welcome', data)`, `queue.add(data)` (the default name); NestJS's `@nestjs/bull`. */
const BULL: QueueWorkerConfig = {
  type: 'queue-worker',
  name: 'bull',
  workers: [],
  processMethods: ['process'],
  nest: NEST_QUEUES,
  queues: { names: ['queue'], types: ['Queue', 'Bull'] },
  factories: ['Queue', 'Bull'],
  enqueue: { add: ['add'], bulk: ['addBulk'], schedulers: [] },
  defaultName: '__default__',
  serialization: 'json',
};

/** `boss`, `this.pgBoss`, or an object of `new PgBoss(...)` / `boss: PgBoss`: `send` and `work` are too common alone. */
const BOSS: ReceiverConstraint = { names: ['boss'], types: ['PgBoss'] };

/** pg-boss: `boss.work('email', async ([job]) => ...)`, `boss.send('email', data)`; the queue is the name. */
const PG_BOSS: AdapterConfig = {
  type: 'string-registry',
  name: 'pg-boss',
  register: [{ methods: ['work'], nameArg: 0, handlerArg: 'last', receiver: BOSS }],
  handler: 'job-data',
  enqueue: [
    { methods: ['send', 'sendAfter', 'sendThrottled', 'sendDebounced', 'sendSingleton'], nameArg: 0, payloadArg: 1, payload: 'single', receiver: BOSS },
    { methods: ['send', 'insert'], nameArg: 0, payloadArg: 0, payload: 'request', requestKeys: { name: 'name', data: 'data' }, receiver: BOSS },
    { methods: ['schedule'], nameArg: 0, payloadArg: 2, payload: 'single', receiver: BOSS },
  ],
  serialization: 'json',
};

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
  serialization: 'json',
};

/**
 * graphile-worker: task files of a `tasks/` directory (the path is the identifier), `run({ taskList })`;
 * `addJob('send_email', payload)` on helpers or worker utils, `quickAddJob(options, 'send_email', payload)`,
 * and `graphile_worker.add_job('send_email', ...)` in SQL; payloads typed by `GraphileWorker.Tasks`.
 */
const GRAPHILE_WORKER: AdapterConfig = {
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
};

/**
 * Temporal: the exported functions of workflow modules (which import `@temporalio/workflow`) and of the
 * activity modules they proxy; `client.workflow.start(example, { args })`, `executeChild`, proxied activity calls.
 */
const TEMPORAL: WorkflowModuleConfig = {
  type: 'workflow-module',
  name: 'temporal',
  workflowPackages: ['@temporalio/workflow'],
  activityProxies: ['proxyActivities', 'proxyLocalActivities'],
  client: { object: 'workflow', methods: ['start', 'execute', 'signalWithStart'] },
  childFunctions: ['executeChild', 'startChild'],
  argsKey: 'args',
  serialization: 'json',
};

/**
 * Inngest v3/v4: `inngest.createFunction({ id, triggers: [{ event: 'app/user.created' }] }, handler)`, event types
 * (`eventType('app/user.created', { schema })`); `inngest.send({ name, data })`, `step.sendEvent(id, event)`.
 */
const INNGEST: EventFunctionConfig = {
  type: 'event-function',
  name: 'inngest',
  methods: ['createFunction'],
  eventTypes: ['eventType'],
  send: [
    { methods: ['send'], nameArg: 0, payloadArg: 0, payload: 'request', receiver: { names: ['inngest'], types: ['Inngest'] } },
    { methods: ['sendEvent'], nameArg: 1, payloadArg: 1, payload: 'request', receiver: { names: ['step'], types: [] } },
  ],
  serialization: 'json',
};

export const PRESETS: ReadonlyMap<string, AdapterConfig> = new Map(
  [NODE_RESQUE, SIDEQUEST, FAKTORY, AGENDA, APP_TASK, BULLMQ, BULL, PG_BOSS, TRIGGER_DEV, GRAPHILE_WORKER, TEMPORAL, INNGEST].map((config) => [config.name, config]),
);

export const PRESET_NAMES: readonly string[] = [ACTIVEJOB, ...PRESETS.keys()];

/** Packages whose presence in the nearest package.json enables a preset when `frameworks` is not set. */
export const PRESET_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  'node-resque': ['node-resque'],
  sidequest: ['sidequest', '@sidequest/engine', '@sidequest/core'],
  'faktory-worker': ['faktory-worker'],
  agenda: ['agenda', '@hokify/agenda'],
  'app-task': ['bull', 'bullmq'],
  bullmq: ['bullmq', '@nestjs/bullmq'],
  bull: ['bull', '@nestjs/bull'],
  'pg-boss': ['pg-boss'],
  'trigger.dev': ['@trigger.dev/sdk'],
  'graphile-worker': ['graphile-worker'],
  temporal: ['@temporalio/client', '@temporalio/workflow', '@temporalio/worker'],
  inngest: ['inngest'],
};
