/**
 * Queue workers: a processor per queue that receives every job of the queue and may dispatch on
 * the job's name (`new Worker('email', fn)`, `queue.process('name', fn)`, `@Processor('email')`);
 * jobs added by name to a queue object (`emailQueue.add('welcome', data)`, bulk, schedulers, flows).
 */
import type { AdapterKind, KindNeeds } from '../kind.js';
import { derivedFrom } from '../shared/derived.js';
import { escapeRegExp, getReceiverToken } from '../shared/tokens.js';
import { withoutUndefined } from '../shared/schema.js';
import { type QueueWorkerConfig, queueWorkerSchema } from './config.js';
import { addNestProcessors, addQueueCalls, addWorkerProcessors, type QueueWorkerOut } from './extract.js';
import { QUEUE_WORKER_PRESETS } from './presets.js';
import { defineProcessorJobs, defineQueueSites } from './resolve.js';

export const queueWorkerKind: AdapterKind<QueueWorkerConfig> = {
  type: 'queue-worker',
  presets: QUEUE_WORKER_PRESETS,
  declarable: {
    schema: queueWorkerSchema,
    fromSetting(own, preset) {
      const setting = own as Partial<QueueWorkerConfig>;
      const base: QueueWorkerConfig = preset ?? {
        type: 'queue-worker',
        name: String(own.name),
        workers: [],
        processMethods: [],
        nest: { processor: [], process: [], hostMethod: 'process', inject: [] },
        queues: { names: [], types: [] },
        enqueue: { add: [], bulk: [], schedulers: [] },
      };
      return { ...base, ...withoutUndefined(setting), enqueue: { ...base.enqueue, ...withoutUndefined(setting.enqueue ?? {}) } } as QueueWorkerConfig;
    },
  },
  needs: getNeeds,
  extract(configs, { namedEnqueues, syntax }) {
    const out: QueueWorkerOut = { processors: [], namedEnqueues };
    return {
      visitor: {
        ClassDeclaration: (node) => addNestProcessors(node, configs, out, syntax),
        NewExpression: (node) => addWorkerProcessors(node, configs, out, syntax),
      },
      calls: { names: getCallNames(configs), read: (node) => addQueueCalls(node, configs, out, syntax) },
      finish: () => (out.processors.length > 0 ? { processors: out.processors } : undefined),
    };
  },
  defineJobs: defineProcessorJobs,
  defineNamedSites: defineQueueSites,
};

function getNeeds(configs: readonly QueueWorkerConfig[], packagesOf: (adapter: string) => readonly string[]): KindNeeds {
  const tokens: string[] = [];
  for (const config of configs) {
    const queueMethods = [...config.processMethods, ...config.enqueue.add, ...config.enqueue.bulk, ...config.enqueue.schedulers];
    const token = getReceiverToken(config.queues, queueMethods);
    if (token) tokens.push(token);
    if (config.workers.length > 0) tokens.push(`new +(${config.workers.map(escapeRegExp).join('|')}) *[(<]`);
    if (config.nest.processor.length > 0) tokens.push(`@(${config.nest.processor.map(escapeRegExp).join('|')}) *\\(`);
    for (const register of config.registers ?? []) tokens.push(register.receiver ? (getReceiverToken(register.receiver, register.methods) ?? '') : `\\.(${register.methods.map(escapeRegExp).join('|')}) *\\(`);
  }
  return {
    tokens,
    packages: configs.flatMap((config) => packagesOf(config.name)),
    receivers: {
      types: configs.flatMap((config) => [...config.queues.types, ...(config.flows?.types ?? [])]),
      callable: configs.flatMap((config) => config.factories ?? []),
      inject: configs.flatMap((config) => config.nest.inject),
      names: configs.flatMap((config) => config.queues.names),
    },
  };
}

const getCallNames = derivedFrom((configs: readonly QueueWorkerConfig[]) => new Set(configs.flatMap((config) => [...config.processMethods, ...config.enqueue.add, ...config.enqueue.bulk, ...config.enqueue.schedulers, ...(config.flows?.methods ?? []), ...(config.registers ?? []).flatMap((register) => register.methods)])));
