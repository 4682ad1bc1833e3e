/**
 * Queues whose processor receives every job of the queue and may dispatch on the job's name
 * (BullMQ, Bull, their NestJS modules): `new Worker('email', fn)`, `queue.process('name', fn)`,
 * `@Processor('email')` classes; jobs are added by name to a queue object.
 */
import { z } from 'zod';
import type { AdapterConfigBase, ReceiverConstraint } from '../kind.js';
import { adapterName, argumentIndex, identifier, receiverSchema, serialization } from '../shared/schema.js';

export interface QueueWorkerConfig extends AdapterConfigBase {
  type: 'queue-worker';
  /** `new Worker(queue, processor)`. */
  workers: string[];
  /**
   * Processors registered by a call: `WorkerManager.register(QueueName.Export, exportProcessor)`,
   * the queue at `queueArg`, the processor (inline or by reference) at `processorArg`; with
   * `receiver`, only on an object whose name contains one of its names.
   */
  registers?: Array<{ methods: string[]; queueArg: number; processorArg: number; receiver?: ReceiverConstraint }>;
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
}

/** A declared queue-worker adapter: usually a preset (`extends: 'bullmq'`) with the in-house calls that register processors. */
export const queueWorkerSchema = z.strictObject({
  type: z.literal('queue-worker'),
  name: adapterName,
  extends: z.string().optional(),
  framework: z.string().optional(),
  workers: z.array(identifier).optional(),
  registers: z
    .array(z.strictObject({ methods: z.array(identifier).min(1), queueArg: argumentIndex, processorArg: argumentIndex, receiver: receiverSchema.optional() }))
    .optional(),
  queues: receiverSchema.optional(),
  enqueue: z.strictObject({ add: z.array(identifier).optional(), bulk: z.array(identifier).optional(), schedulers: z.array(identifier).optional() }).optional(),
  serialization,
});
