/**
 * Which processor takes which job, across files: a job per name a processor takes, per case of
 * its dispatch on `job.name`, or one job for the whole queue when it takes every job alike; and
 * the jobs added to a queue, which count on that queue.
 */
import type { DispatcherContract, EnqueueSite, JobContract, Location } from '../../model/contract.js';
import type { DispatchCaseFact, FileFacts, HandlerFact, NamedEnqueueFact, PayloadSource } from '../../model/facts.js';
import { getKindFacts, type ResolveContext } from '../kind.js';
import { addBodyFacts, withFile } from '../shared/contracts.js';
import { getReceiverBinding, isReceiver } from '../shared/receiver-binding.js';
import { FLOW_RECEIVER, isCallOnClass, getCallFields } from '../shared/sites.js';
import type { QueueWorkerConfig } from './config.js';
import type { ProcessorFact, QueueWorkerFacts } from './facts.js';
import { getOwn } from '../../model/records.js';

/** What the processors of one queue take. */
interface QueueProcessors {
  /** The wire name of the job that takes every name of the queue. */
  catchAll?: string;
  /** Some processor dispatches on names. */
  named: boolean;
  /** Some processor cannot be read, takes names that cannot be known, or hands unknown names on. */
  opaque: boolean;
}

interface ProcessorContext {
  config: QueueWorkerConfig;
  queue: string | undefined;
  processor: ProcessorFact;
  /** The file of the processor fact. */
  file: string;
  /** The processor function (which may live in another file). */
  handler: { file: string; fn: HandlerFact };
  context: ResolveContext;
}

/** What the processors of each queue take, by queue name, for the length of one build. */
function getQueues(context: ResolveContext): Map<string, QueueProcessors> {
  return context.memo('queue-worker.queues', () => new Map<string, QueueProcessors>());
}

function getQueue(context: ResolveContext, queue: string | undefined): QueueProcessors | undefined {
  if (queue === undefined) return undefined;
  const queues = getQueues(context);
  let entry = queues.get(queue);
  if (!entry) {
    entry = { named: false, opaque: false };
    queues.set(queue, entry);
  }
  return entry;
}

export function defineProcessorJobs(file: string, facts: FileFacts, configs: readonly QueueWorkerConfig[], context: ResolveContext): void {
  for (const processor of getKindFacts<QueueWorkerFacts>(facts, 'queue-worker')?.processors ?? []) addProcessor(file, processor, configs, context);
}

/**
 * A queue processor: a job per name it takes (`process('name', fn)`, `@Process('name')`), per
 * case of its dispatch on `job.name`, or one job for the whole queue, named by the queue,
 * when it takes every job alike. A processor that cannot be read leaves its queue unjudged.
 */
function addProcessor(file: string, fact: ProcessorFact, configs: readonly QueueWorkerConfig[], context: ResolveContext): void {
  const adapter = context.getEnabled(file, fact.adapters);
  const config = configs.find((candidate) => candidate.name === adapter);
  if (!config) return;
  let queueName = fact.queue && context.resolver.resolveName(file, fact.queue);
  if (fact.receiverPath) {
    if (!isReceiver(context.files, context.resolver, file, fact.receiverPath, config.queues)) return;
    queueName ??= getReceiverBinding(context.files, context.resolver, file, fact.receiverPath)?.name;
  }
  const queue = getQueue(context, queueName);
  const handler = getProcessorHandler(file, fact, context);
  if (!handler) {
    if (queue) queue.opaque = true;
    return;
  }
  const processor: ProcessorContext = { config, queue: queueName, processor: fact, file, handler, context };
  if (fact.names) {
    for (const name of fact.names) {
      const wireName = context.resolver.resolveName(file, name);
      if (wireName === undefined) {
        if (queue) queue.opaque = true;
        continue;
      }
      if (queue) queue.named = true;
      context.addJob(getProcessorJob(processor, wireName, { file, span: fact.span }, handler, handler.fn.firstParamTypeArgument ? 'job' : 'data'));
    }
    return;
  }
  const dispatch = handler.fn.dispatch;
  if (!dispatch) {
    if (queueName === undefined) return;
    queue!.catchAll = queueName;
    context.addJob(getProcessorJob(processor, queueName, { file, span: fact.span }, handler, 'job'));
    return;
  }
  if (queue) {
    queue.named = true;
    if (dispatch.unknown === 'delegates') queue.opaque = true;
  }
  const names = dispatch.map ? addMapJobs(processor, dispatch.map) : addCaseJobs(processor, dispatch.cases);
  const dispatcher: DispatcherContract = { kind: dispatch.kind, unknown: dispatch.unknown, names, location: { file: handler.file, span: dispatch.span }, adapter: config.name };
  if (queueName !== undefined) dispatcher.queue = queueName;
  context.addDispatcher(dispatcher);
}

function getProcessorHandler(file: string, fact: ProcessorFact, context: ResolveContext): { file: string; fn: HandlerFact } | undefined {
  if (!fact.handler) return undefined;
  return 'fn' in fact.handler ? { file, fn: fact.handler.fn } : context.resolver.resolveFunction(file, fact.handler.path);
}

function addCaseJobs(processor: ProcessorContext, cases: DispatchCaseFact[]): string[] {
  const names: string[] = [];
  const file = processor.handler.file;
  for (const entry of cases) {
    const delegate = entry.delegate && getDelegate(processor, entry.delegate.path);
    for (const name of entry.names) {
      const wireName = processor.context.resolver.resolveName(file, name);
      if (wireName === undefined) continue;
      names.push(wireName);
      const location = { file, span: entry.span };
      const cast = { file, source: entry.fn.payload };
      const job = delegate
        ? getProcessorJob(processor, wireName, location, delegate, entry.delegate!.passes, cast)
        : getProcessorJob(processor, wireName, location, { file, fn: entry.fn }, 'data', cast);
      processor.context.addJob(job);
    }
  }
  return names;
}

/** `handlers[job.name](job)`: each key of the module-level map is a job, its value the handler. */
function addMapJobs(processor: ProcessorContext, map: NonNullable<NonNullable<HandlerFact['dispatch']>['map']>): string[] {
  const { context } = processor;
  const resolved = context.resolver.resolveValue(processor.handler.file, map.path);
  if (resolved?.value.kind !== 'object') {
    if (processor.queue !== undefined) getQueue(context, processor.queue)!.opaque = true;
    return [];
  }
  const names: string[] = [];
  for (const [wireName, entry] of Object.entries(resolved.value.props)) {
    const fn = context.resolver.deref({ file: resolved.file, value: entry });
    if (fn?.value.kind !== 'function') continue;
    names.push(wireName);
    const span = getOwn(resolved.value.keySpans, wireName) ?? fn.value.fn.span;
    context.addJob(getProcessorJob(processor, wireName, { file: resolved.file, span }, { file: fn.file, fn: fn.value.fn }, map.passes));
  }
  return names;
}

/** `this.welcome(job)` in a processor class, or a function of the project by reference. */
function getDelegate(processor: ProcessorContext, path: string[]): { file: string; fn: HandlerFact } | undefined {
  if (path[0] === 'this') {
    const fn = path.length === 2 ? getOwn(processor.processor.methods, path[1]!) : undefined;
    return fn ? { file: processor.file, fn } : undefined;
  }
  return processor.context.resolver.resolveFunction(processor.handler.file, path);
}

/**
 * A job of a queue processor. Its payload is the job's data, typed by the function that
 * receives it (`(data: Welcome)` when handed the data, `(job: Job<Welcome>)` when handed the
 * job), else by a cast in the case (`job.data as Welcome`), the worker's type argument
 * (`new Worker<Welcome>`) or the processor's `Job<Welcome>` parameter.
 */
function getProcessorJob(
  processor: ProcessorContext,
  wireName: string,
  location: Location,
  handler: { file: string; fn: HandlerFact },
  passes: 'job' | 'data',
  cast?: { file: string; source: PayloadSource | undefined },
): JobContract {
  const { config, context } = processor;
  const contract: JobContract = { wireName, location, handler: handler.fn.method, style: 'payload', params: [], fields: [], adapter: config.name };
  if (processor.queue !== undefined) contract.queue = processor.queue;
  if (config.serialization) contract.serialization = config.serialization;
  addBodyFacts(contract, handler.fn);
  const own = passes === 'data' ? (handler.fn.params.length === 1 ? handler.fn.payload : undefined) : handler.fn.firstParamTypeArgument;
  const resolver = context.resolver;
  const payload =
    resolver.resolvePayload(handler.file, own) ??
    (cast && resolver.resolvePayload(cast.file, cast.source)) ??
    resolver.resolvePayload(processor.file, processor.processor.typeArgument) ??
    resolver.resolvePayload(processor.handler.file, processor.handler.fn.firstParamTypeArgument);
  if (payload) contract.fields = withFile(payload.fields, payload.file);
  return contract;
}

/**
 * Sites of jobs added to a queue. A job's name counts on its queue: where the queue has a
 * processor that takes every name, the site is that queue's job; where the queue's processors
 * cannot all be read, or the queue is unknown, only names some job handles make sites, so that
 * queues served by another code base are never reported.
 */
export function defineQueueSites(file: string, enqueue: NamedEnqueueFact, config: QueueWorkerConfig, context: ResolveContext): void {
  // Names given as a binding (a task object, a workflow function) are read only by the kinds that define such bindings.
  if (enqueue.byBinding) return;
  if (isCallOnClass(context, file, enqueue)) return;
  const receiver = enqueue.receiver === FLOW_RECEIVER ? config.flows && { names: ['flow'], types: config.flows.types } : config.queues;
  if (!receiver || !isReceiver(context.files, context.resolver, file, enqueue.receiverPath, receiver)) return;
  const queueName = enqueue.queue
    ? context.resolver.resolveName(file, enqueue.queue)
    : enqueue.receiverPath && getReceiverBinding(context.files, context.resolver, file, enqueue.receiverPath)?.name;
  const queue = queueName === undefined ? undefined : getQueues(context).get(queueName);
  for (const name of enqueue.names) {
    const sent = context.resolver.resolveName(file, name);
    if (sent === undefined) continue;
    let wireName: string | undefined = context.hasJob(sent, config.name) ? sent : undefined;
    if (queue?.catchAll !== undefined) wireName = queue.catchAll;
    else if (queue?.named && !queue.opaque) wireName = sent;
    if (wireName === undefined) continue;
    const site: EnqueueSite = { wireName, nameSource: 'string', ...getCallFields(file, enqueue), adapter: config.name };
    if (queueName !== undefined) site.queue = queueName;
    context.addSite(site);
  }
}
