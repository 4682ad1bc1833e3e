/**
 * Adapters are data: a `class-job` or `string-registry` configuration says how one framework
 * (or an in-house job layer) names, defines and enqueues jobs. Presets are such configurations;
 * users declare their own in `settings['safe-jobs'].adapters`, validated by the schema below.
 */
import { z } from 'zod';

/**
 * How the framework encodes job arguments: what survives a round trip (a later rule checks
 * parameter types against it). `json`: strings, finite numbers, booleans, null, arrays and
 * plain objects (a Date arrives as a string, undefined members vanish, Map/Set/class instances
 * lose their prototype, bigint throws). `bson`: JSON's types plus Date, binary data, 64-bit
 * integers and ObjectId; still no functions, Map, Set or class instances.
 */
export type Serialization = 'json' | 'bson';

/** Where a class-job reads a name from: a static property, or a key of a static options object. */
export interface StaticSource {
  staticProperty?: string;
  staticOptions?: { property: string; key: string };
}

export interface ClassJobConfig {
  type: 'class-job';
  name: string;
  /** A class is a job when its superclass chain (followed through project files) reaches one of these names. */
  baseClasses: string[];
  /** ... or a name ending in one of these (`['Job', 'Task']` for the activejob preset). */
  baseClassSuffixes?: string[];
  handlerMethods: string[];
  /** Read payload fields from the base class's type argument (`extends Job<Payload>`) when the handler's parameter has no type. */
  payloadTypeArgument?: boolean;
  /** Where the wire name comes from; the class name when absent or unset on the class. */
  wireName?: StaticSource;
  queue?: StaticSource;
  enqueue: {
    /** `X.performLater(...)`, `X.set({...}).performLater(...)` (via), `X.dispatch(p).toQueue('q')` (queueMethods). */
    static?: { methods: string[]; via?: string[]; queueMethods?: string[] };
    /** `new X().schedule(props)`. */
    instance?: { methods: string[] };
    /** `Sidequest.build(X).queue('q').enqueue(...args)`: methods map to the index of the first job argument. */
    builder?: { object: string; method: string; methods: Record<string, number>; queueMethods?: string[] };
    /** `svc.add(X.name, data)`: the job class named by `X.name` at `nameArg`, its payload at `payloadArg`. */
    service?: { methods: string[]; nameArg: number; payloadArg: number };
  };
  serialization?: Serialization;
}

/** How an enqueue call passes the job's arguments, starting at `payloadArg`. */
export type PayloadShape = 'array' | 'spread' | 'single' | 'request';

/**
 * Which objects a method must be called on to count, where the method name alone is too common
 * (`send`, `add`, `work`): one whose name contains one of `names` (any case: `boss`, `this.pgBoss`),
 * or one bound in the file or a relative module to `new T(...)` or declared `x: T` for `T` in `types`.
 */
export interface ReceiverConstraint {
  names: string[];
  types: string[];
}

export interface NamedEnqueueShape {
  methods: string[];
  nameArg: number;
  queueArg?: number;
  payloadArg: number;
  /**
   * 'array': one array of positional arguments; 'spread': the remaining arguments; 'single': one
   * payload value; 'request': the argument at `nameArg` is a request object (or an array of them)
   * whose `requestKeys.name` names the job and `requestKeys.data` holds the payload.
   */
  payload: PayloadShape;
  requestKeys?: { name: string; data: string };
  receiver?: ReceiverConstraint;
  /** Also plain calls of the method's name (`addJob('name', payload)` with `addJob` taken from helpers). */
  bare?: boolean;
}

export interface StringRegistryConfig {
  type: 'string-registry';
  name: string;
  /** `register(name, fn)`, `define(name, fn)`; `handlerArg: 'last'` for `work(name, options?, fn)`. */
  register?: Array<{ methods: string[]; nameArg: number; handlerArg: number | 'last'; receiver?: ReceiverConstraint }>;
  /**
   * `new Worker(options, { name: { perform } })`: an object map whose keys are wire names, given to a
   * constructor or a function (`run({ taskList })`: at `property` of the argument); each entry
   * holds its handler at `handlerKey`, or is the handler when `handlerKey` is absent.
   */
  maps?: Array<{ constructors?: string[]; functions?: string[]; argIndex: number; property?: string; handlerKey?: string }>;
  /**
   * 'arguments': the handler's parameters are the job's arguments; 'job-data': it receives a job
   * (or a batch of jobs, `Job<Data>[]`) whose data is the payload (Agenda, pg-boss);
   * 'payload-argument': its first parameter is the payload, the others are helpers (graphile-worker).
   */
  handler: 'arguments' | 'job-data' | 'payload-argument';
  /** Files in a folder of this name whose default export is a function are jobs named by their path below it (graphile-worker's task directory). */
  directory?: string;
  /** SQL functions that enqueue by name inside string literals: `graphile_worker.add_job('name', ...)`. */
  sql?: string[];
  /** A global interface of payload types keyed by wire name: `declare global { namespace GraphileWorker { interface Tasks {...} } }`. */
  declaredPayloads?: { namespace: string; interface: string };
  enqueue: NamedEnqueueShape[];
  serialization?: Serialization;
}

/**
 * Queues whose processor receives every job of the queue and may dispatch on the job's name
 * (BullMQ, Bull, their NestJS modules): `new Worker('email', fn)`, `queue.process('name', fn)`,
 * `@Processor('email')` classes; jobs are added by name to a queue object.
 */
export interface QueueWorkerConfig {
  type: 'queue-worker';
  name: string;
  /** `new Worker(queue, processor)`. */
  workers: string[];
  /** Bull: `queue.process(name?, concurrency?, processor)`. */
  processMethods: string[];
  /** NestJS: `@Processor('queue')` classes with a `process(job)` method (WorkerHost) or `@Process('name')` methods. */
  nest: { processor: string[]; process: string[]; hostMethod: string; inject: string[] };
  /** What counts as a queue object: `emailQueue`, `new Queue('email')`, `q: Queue`, `@InjectQueue('email') q`. */
  queues: ReceiverConstraint;
  /** Of the queue types, those also called without `new` to make a queue (Bull's `Bull('email')`). */
  factories?: string[];
  /** `queue.add(name, data)`, `queue.addBulk([{ name, data }])`, `queue.upsertJobScheduler(id, repeat, { name, data })`. */
  enqueue: { add: string[]; bulk: string[]; schedulers: string[] };
  /** `flow.add({ name, queueName, data, children })` on a FlowProducer. */
  flows?: { types: string[]; methods: string[] };
  /** Bull: `queue.add(data)` without a name adds a job under this name. */
  defaultName?: string;
  serialization?: Serialization;
}

/**
 * Tasks defined by a call with an options object whose `id` is the wire name and whose `run`
 * receives the payload (Trigger.dev): `export const hello = task({ id: 'hello', run })`,
 * triggered through the task object (`hello.trigger(payload)`) or by id (`tasks.trigger('hello', payload)`).
 */
export interface TaskDefinitionConfig {
  type: 'task-definition';
  name: string;
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
  serialization?: Serialization;
}

/**
 * Workflows as exported functions of modules that import the workflow package, and activities as
 * the exported functions of a module that a workflow proxies (Temporal): `client.workflow.start(wf,
 * { args })`, `executeChild(wf, { args })`, and calls of `proxyActivities<typeof activities>()`'s functions.
 */
export interface WorkflowModuleConfig {
  type: 'workflow-module';
  name: string;
  /** A module that imports one of these packages defines a workflow per exported function. */
  workflowPackages: string[];
  /** `proxyActivities<typeof activities>(options)`: every exported function of `activities`' module is an activity. */
  activityProxies: string[];
  /** `client.workflow.start(wf, options)`: methods of an object of this name. */
  client: { object: string; methods: string[] };
  /** `executeChild(wf, options)`: functions that start a child workflow. */
  childFunctions: string[];
  /** The key of the options object that holds the workflow's arguments. */
  argsKey: string;
  serialization?: Serialization;
}

/**
 * Functions triggered by named events (Inngest): `inngest.createFunction({ id, triggers: [{ event }] }, handler)`
 * (or the trigger as a second argument), event types with a schema of their data (`eventType('name', { schema })`),
 * and events sent as `{ name, data }` objects or created from an event type (`userCreated.create(data)`).
 */
export interface EventFunctionConfig {
  type: 'event-function';
  name: string;
  /** `inngest.createFunction(options, [trigger,] handler)`. */
  methods: string[];
  /** `eventType('app/user.created', { schema })`. */
  eventTypes: string[];
  /** `inngest.send(event | events[])`, `step.sendEvent(id, event | events[])`: events as `{ name, data }` or `type.create(data)`. */
  send: NamedEnqueueShape[];
  serialization?: Serialization;
}

export type AdapterConfig = ClassJobConfig | StringRegistryConfig | QueueWorkerConfig | TaskDefinitionConfig | WorkflowModuleConfig | EventFunctionConfig;

const identifier = z.string().regex(/^[A-Za-z_$][\w$]*$/, 'must be an identifier');
const qualified = z.string().regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, 'must be an identifier');
const index = z.number().int().min(0).max(16);
const staticSource = z.strictObject({
  staticProperty: identifier.optional(),
  staticOptions: z.strictObject({ property: identifier, key: identifier }).optional(),
});
const serialization = z.enum(['json', 'bson']).optional();
const receiverSchema = z.strictObject({ names: z.array(z.string().min(1)), types: z.array(identifier) });
const adapterName = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lowercase letters, digits, ".", "_" or "-"');

const classJobSchema = z.strictObject({
  type: z.literal('class-job'),
  name: adapterName,
  extends: z.string().optional(),
  baseClasses: z.array(qualified).optional(),
  baseClassSuffixes: z.array(identifier).optional(),
  handlerMethods: z.array(identifier).min(1).optional(),
  payloadTypeArgument: z.boolean().optional(),
  wireName: staticSource.optional(),
  queue: staticSource.optional(),
  enqueue: z
    .strictObject({
      static: z.strictObject({ methods: z.array(identifier).min(1), via: z.array(identifier).optional(), queueMethods: z.array(identifier).optional() }).optional(),
      instance: z.strictObject({ methods: z.array(identifier).min(1) }).optional(),
      builder: z
        .strictObject({ object: identifier, method: identifier, methods: z.record(identifier, index), queueMethods: z.array(identifier).optional() })
        .optional(),
      service: z.strictObject({ methods: z.array(identifier).min(1), nameArg: index, payloadArg: index }).optional(),
    })
    .optional(),
  serialization,
});

const stringRegistrySchema = z.strictObject({
  type: z.literal('string-registry'),
  name: adapterName,
  extends: z.string().optional(),
  register: z
    .array(z.strictObject({ methods: z.array(identifier).min(1), nameArg: index, handlerArg: z.union([index, z.literal('last')]), receiver: receiverSchema.optional() }))
    .optional(),
  maps: z
    .array(
      z.strictObject({
        constructors: z.array(identifier).min(1).optional(),
        functions: z.array(identifier).min(1).optional(),
        argIndex: index,
        property: identifier.optional(),
        handlerKey: identifier.optional(),
      }),
    )
    .optional(),
  handler: z.enum(['arguments', 'job-data', 'payload-argument']).optional(),
  directory: z.string().regex(/^[^/\\]+$/, 'must be a folder name').optional(),
  sql: z.array(qualified).optional(),
  declaredPayloads: z.strictObject({ namespace: identifier, interface: identifier }).optional(),
  enqueue: z
    .array(
      z.strictObject({
        methods: z.array(identifier).min(1),
        nameArg: index,
        queueArg: index.optional(),
        payloadArg: index,
        payload: z.enum(['array', 'spread', 'single', 'request']),
        requestKeys: z.strictObject({ name: identifier, data: identifier }).optional(),
        receiver: receiverSchema.optional(),
        bare: z.boolean().optional(),
      }),
    )
    .optional(),
  serialization,
});

/** An adapter as users declare it in settings: a full configuration, or a preset (`extends`) with overrides. */
export const adapterSettingSchema = z.discriminatedUnion('type', [classJobSchema, stringRegistrySchema]);

export type AdapterSetting = z.infer<typeof adapterSettingSchema>;
