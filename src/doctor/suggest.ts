/**
 * The settings block that would claim the job-like code no adapter claims: one `string-registry`
 * adapter for object definitions and request calls, one `class-job` adapter for workers named by
 * their `super(...)` topic. Every value is a name read from the code (identifiers and key paths
 * only), so the block is data a user can paste and edit, never code.
 */
import type { BindingCall, ClassOutline, DefinitionLike, JobLike, RequestLike, TopicClassLike } from './job-like.js';

const HANDLER_METHOD = /^(getWorkerProcessor|getProcessor|process|handle|perform|run|execute)$|Processor$/;
const PRODUCER_METHOD = /^(add|addBulk|enqueue|enqueueMany|push|publish|send|schedule)$/;
const BATCH_METHOD = /(Bulk|Many)$/;

export type SuggestedAdapter = Record<string, unknown> & { type: string; name: string };

export function suggestAdapters(unclaimed: readonly JobLike[], classes: readonly ClassOutline[], calls: readonly BindingCall[] = []): SuggestedAdapter[] {
  const adapters: SuggestedAdapter[] = [];
  const topics = unclaimed.filter((item): item is TopicClassLike => item.kind === 'topic-class');
  const producers = topics.filter((item) => item.role === 'producer');
  // Calls of a queue service's own methods are its producer sites, named by its topic: not requests named by their `name`.
  const producerMethods = new Set(getProducerMethods(producers, classes));
  const definitions = getDefinitionShapes(unclaimed.filter((item): item is DefinitionLike => item.kind === 'definition'), calls);
  const requests = getRequestShapes(unclaimed.filter((item): item is RequestLike => item.kind === 'request' && !producerMethods.has(item.method)));
  if (definitions.length > 0 || requests.length > 0) {
    const registry: SuggestedAdapter = { type: 'string-registry', name: 'in-house-jobs', handler: 'payload-argument' };
    if (definitions.length > 0) registry.definitions = definitions;
    registry.enqueue = requests;
    adapters.push(registry);
  }
  const workers = topics.filter((item) => item.role === 'worker');
  if (workers.length > 0) adapters.push(getWorkerAdapter(workers, producers, classes));
  return adapters;
}

/** The enqueue-like methods producer classes (or their bases) declare; `add` when none is seen. */
function getProducerMethods(producers: TopicClassLike[], classes: readonly ClassOutline[]): string[] {
  if (producers.length === 0) return [];
  const bases = new Set(producers.map((producer) => producer.base));
  const names = new Set(producers.map((producer) => producer.className));
  const declared = new Set(classes.filter((cls) => bases.has(cls.name) || names.has(cls.name)).flatMap((cls) => cls.methods));
  const methods = [...declared].filter((method) => PRODUCER_METHOD.test(method)).sort();
  return methods.length > 0 ? methods : ['add'];
}

/**
 * Definition shapes grouped by their keys; a definition call whose result is kept in a binding
 * gets the enqueue-like methods called on bindings of that name (`exportJob.dispatch(...)`).
 */
function getDefinitionShapes(items: DefinitionLike[], calls: readonly BindingCall[]): Array<Record<string, unknown>> {
  const shapes = new Map<string, { types: Set<string>; calls: Set<string>; keys: Record<string, string>; dispatch: Map<string, 'single' | 'batch'> }>();
  for (const item of items) {
    const keys: Record<string, string> = { name: item.name, handler: item.handler };
    if (item.schema) keys.schema = item.schema;
    if (item.payloadKey) keys.payloadKey = item.payloadKey;
    const id = JSON.stringify(keys);
    const shape = shapes.get(id) ?? { types: new Set<string>(), calls: new Set<string>(), keys, dispatch: new Map() };
    shapes.set(id, shape);
    if ('type' in item.by) shape.types.add(item.by.type);
    else shape.calls.add(item.by.call);
    for (const call of calls) if (item.variable !== undefined && call.variable === item.variable) shape.dispatch.set(call.method, BATCH_METHOD.test(call.method) || /Batch$/.test(call.method) ? 'batch' : 'single');
  }
  return [...shapes.values()].map(({ types, calls: callees, keys, dispatch }) => ({
    ...(types.size > 0 ? { types: [...types].sort() } : {}),
    ...(callees.size > 0 ? { calls: [...callees].sort() } : {}),
    ...keys,
    ...(dispatch.size > 0 ? { dispatch: Object.fromEntries([...dispatch].sort(([a], [b]) => a.localeCompare(b))) } : {}),
  }));
}

function getRequestShapes(items: RequestLike[]): Array<Record<string, unknown>> {
  const shapes = new Map<string, { methods: Set<string>; arg: number; keys: { name: string; data: string } }>();
  for (const item of items) {
    const id = `${item.arg}:${item.nameKey}:${item.dataKey}`;
    const shape = shapes.get(id) ?? { methods: new Set<string>(), arg: item.arg, keys: { name: item.nameKey, data: item.dataKey } };
    shapes.set(id, shape);
    shape.methods.add(item.method);
  }
  return [...shapes.values()].map(({ methods, arg, keys }) => ({ methods: [...methods].sort(), nameArg: arg, payloadArg: arg, payload: 'request', requestKeys: keys }));
}

/**
 * Workers named by the topic they give their base class: the handler is a method of the class
 * or of a subclass (a worker service extended by the app's worker); producers are the queue
 * services that pass a topic the same way, called with the methods their classes declare.
 */
function getWorkerAdapter(workers: TopicClassLike[], producers: TopicClassLike[], classes: readonly ClassOutline[]): SuggestedAdapter {
  const names = new Set(workers.map((worker) => worker.className));
  const methods = [...workers.flatMap((worker) => worker.methods), ...classes.filter((cls) => cls.base !== undefined && names.has(cls.base)).flatMap((cls) => cls.methods)];
  const handlers = [...new Set(methods.filter((method) => HANDLER_METHOD.test(method)))].sort();
  const adapter: SuggestedAdapter = {
    type: 'class-job',
    name: 'in-house-workers',
    baseClasses: [...new Set(workers.map((worker) => worker.base))].sort(),
    handlerMethods: handlers.length > 0 ? handlers : ['process'],
    wireName: { superArgument: true },
    payload: 'job-data',
  };
  if (producers.length > 0) {
    const bases = [...new Set(producers.map((producer) => producer.base))].sort();
    const methods = getProducerMethods(producers, classes);
    const single = methods.filter((method) => !BATCH_METHOD.test(method));
    const batch = methods.filter((method) => BATCH_METHOD.test(method));
    const shapes: Array<Record<string, unknown>> = [];
    // `add({ name, data })` or `add(name, data)`: each shape applies only to the calls it can read.
    if (single.length > 0) shapes.push({ baseClasses: bases, methods: single, arg: 0, key: 'data' }, { baseClasses: bases, methods: single, arg: 1 });
    if (batch.length > 0) shapes.push({ baseClasses: bases, methods: batch, arg: 0, key: 'data', batch: true });
    adapter.enqueue = { producers: shapes };
  }
  return adapter;
}
