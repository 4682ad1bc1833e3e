/** The queue-worker presets: data only. */
import type { Preset } from '../kind.js';
import type { QueueWorkerConfig } from './config.js';

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

export const QUEUE_WORKER_PRESETS: ReadonlyArray<Preset<QueueWorkerConfig>> = [
  { config: BULLMQ, packages: ['bullmq', '@nestjs/bullmq'] },
  { config: BULL, packages: ['bull', '@nestjs/bull'] },
];
