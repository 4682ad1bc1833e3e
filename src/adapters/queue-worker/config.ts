/**
 * Queues whose processor receives every job of the queue and may dispatch on the job's name
 * (BullMQ, Bull, their NestJS modules): `new Worker('email', fn)`, `queue.process('name', fn)`,
 * `@Processor('email')` classes; jobs are added by name to a queue object.
 */
import type { AdapterConfigBase, ReceiverConstraint } from '../kind.js';

export interface QueueWorkerConfig extends AdapterConfigBase {
  type: 'queue-worker';
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
}
