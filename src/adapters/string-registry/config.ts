/** How a `string-registry` adapter defines jobs under a name and enqueues them by name, and how users declare one. */
import { z } from 'zod';
import type { AdapterConfigBase, ReceiverConstraint } from '../kind.js';
import type { NamedEnqueueShape } from '../shared/named-enqueue.js';
import { adapterName, argumentIndex, identifier, keyPath, qualified, receiverSchema, serialization } from '../shared/schema.js';

export interface StringRegistryConfig extends AdapterConfigBase {
  type: 'string-registry';
  /** `register(name, fn)`, `define(name, fn)`; `handlerArg: 'last'` for `work(name, options?, fn)`. */
  register?: Array<{ methods: string[]; nameArg: number; handlerArg: number | 'last'; receiver?: ReceiverConstraint }>;
  /**
   * `new Worker(options, { name: { perform } })`: an object map whose keys are wire names, given to a
   * constructor or a function (`run({ taskList })`: at `property` of the argument); each entry
   * holds its handler at `handlerKey`, or is the handler when `handlerKey` is absent. `schemas`:
   * a sibling map of the same options object, by the same names, whose entries hold each job's
   * zod schema at `key` (or are the schema): `new Worker({ catalog: { email: { schema } }, jobs })`.
   */
  maps?: Array<{ constructors?: string[]; functions?: string[]; argIndex: number; property?: string; handlerKey?: string; schemas?: { property: string; key?: string } }>;
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
  /** Jobs written as object literals (`{ id, trigger: { name, schema }, handler } satisfies JobDefinition`). */
  definitions?: ObjectDefinitionShape[];
  enqueue: NamedEnqueueShape[];
}

/**
 * How to find object-literal job definitions and read them. An object counts when it is written
 * `satisfies T`, `as T` or `: T` (also each element of `: T[]`), or returned by a function typed
 * `(): T`, for T in `types`; or when it is passed (alone or in an array) to a call or constructor
 * in `calls`. Key paths are dotted: `trigger.name`.
 */
export interface ObjectDefinitionShape {
  types?: string[];
  calls?: string[];
  /** Key path of the wire name: `id`, `trigger.name`, `slug`. */
  name: string;
  /** Key path of the handler function: `handler`, `run`; absent for definitions without one (a schedule, a job run elsewhere). */
  handler?: string;
  /** Key path of a zod schema of the payload: `schema`, `trigger.schema`. */
  schema?: string;
  /**
   * The key of the handler's first parameter that holds the payload (`payload` in
   * `handler({ payload, io })`); absent when that parameter is the payload itself.
   */
  payloadKey?: string;
  /**
   * Methods of the object a definition call returns that enqueue it, with their payload shape:
   * `const job = defineJob({ name, ... }); job.dispatch(payload)`, `job.dispatchBatch([p1, p2])`.
   * The call's options must name the job at `name` or `id`.
   */
  dispatch?: Record<string, 'single' | 'batch'>;
}

export const stringRegistrySchema = z.strictObject({
  type: z.literal('string-registry'),
  name: adapterName,
  extends: z.string().optional(),
  framework: z.string().optional(),
  register: z
    .array(z.strictObject({ methods: z.array(identifier).min(1), nameArg: argumentIndex, handlerArg: z.union([argumentIndex, z.literal('last')]), receiver: receiverSchema.optional() }))
    .optional(),
  maps: z
    .array(
      z.strictObject({
        constructors: z.array(identifier).min(1).optional(),
        functions: z.array(identifier).min(1).optional(),
        argIndex: argumentIndex,
        property: identifier.optional(),
        handlerKey: identifier.optional(),
        schemas: z.strictObject({ property: identifier, key: identifier.optional() }).optional(),
      }),
    )
    .optional(),
  handler: z.enum(['arguments', 'job-data', 'payload-argument']).optional(),
  directory: z.string().regex(/^[^/\\]+$/, 'must be a folder name').optional(),
  sql: z.array(qualified).optional(),
  declaredPayloads: z.strictObject({ namespace: identifier, interface: identifier }).optional(),
  definitions: z
    .array(
      z
        .strictObject({
          types: z.array(identifier).min(1).optional(),
          calls: z.array(identifier).min(1).optional(),
          name: keyPath,
          handler: keyPath.optional(),
          schema: keyPath.optional(),
          payloadKey: identifier.optional(),
          dispatch: z.record(identifier, z.enum(['single', 'batch'])).optional(),
        })
        .refine((shape) => shape.types !== undefined || shape.calls !== undefined, 'needs `types` or `calls`: how to find the definitions'),
    )
    .optional(),
  enqueue: z
    .array(
      z.strictObject({
        methods: z.array(identifier).min(1),
        nameArg: argumentIndex,
        queueArg: argumentIndex.optional(),
        payloadArg: argumentIndex,
        payload: z.enum(['array', 'spread', 'single', 'request']),
        requestKeys: z.strictObject({ name: keyPath, data: keyPath }).optional(),
        receiver: receiverSchema.optional(),
        bare: z.boolean().optional(),
        delay: z.strictObject({ arg: argumentIndex, unit: z.enum(['ms', 's', 'date']) }).optional(),
      }),
    )
    .optional(),
  serialization,
});
