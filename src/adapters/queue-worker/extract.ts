/**
 * The `queue-worker` kind's share of the one traversal: processors (`new Worker('email', fn)`,
 * `queue.process('name', fn)`, `@Processor` classes) and jobs added by name to queue objects.
 * Which processor takes which job is decided across files in resolve.ts.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { HandlerFact, HandlerRef, NamedEnqueueFact } from '../../model/facts.js';
import { getDecoratorName, isDecorator } from '../shared/bindings.js';
import { getCalleeName } from '../shared/calls.js';
import { getFunctionFact, getMethodOfThis } from '../shared/functions.js';
import { getSingleArgument } from '../shared/arguments.js';
import { getNameRef, getObjectProperty, getReceiverPath, getReferencePath, getSpan, isFunctionNode, type Node, type SyntaxContext, getIteratedNames, getListItems, getFactoryName } from '../shared/syntax.js';
import { getTypeSource } from '../shared/types.js';
import type { QueueWorkerConfig } from './config.js';
import type { ProcessorFact } from './facts.js';
import { setOwn } from '../../model/records.js';
import { FLOW_RECEIVER } from '../shared/sites.js';
import { getArgumentAfter, getOptionsDelay, withDelay } from '../shared/delays.js';

/** What the traversal of one file collects for the queue-worker kind. */
export interface QueueWorkerOut {
  processors: ProcessorFact[];
  namedEnqueues: NamedEnqueueFact[];
}

/** Flows nest children this deep at most. */
const MAX_FLOW_DEPTH = 8;

/** `new Worker('email', processor, options)`. */
export function addWorkerProcessors(node: TSESTree.NewExpression, configs: readonly QueueWorkerConfig[], out: QueueWorkerOut, ctx: SyntaxContext): void {
  const name = getCalleeName(node.callee);
  if (!name || node.arguments.length < 2) return;
  for (const config of configs) {
    if (!config.workers.includes(name)) continue;
    const [queueArg, processorArg] = node.arguments;
    if (!processorArg || processorArg.type === 'ObjectExpression' || processorArg.type === 'SpreadElement' || queueArg?.type === 'ObjectExpression') continue;
    const span = getSpan(node);
    if (mergeAdapter(out.processors, span, config.name)) continue;
    const fact: ProcessorFact = { adapters: [config.name], span };
    const queue = queueArg && queueArg.type !== 'SpreadElement' ? getNameRef(queueArg) : undefined;
    if (queue) fact.queue = queue;
    const handler = getProcessorRef(processorArg, ctx);
    if (handler) fact.handler = handler;
    const typeArgument = getTypeSource(node.typeArguments?.params[0], ctx);
    if (typeArgument) fact.typeArgument = typeArgument;
    out.processors.push(fact);
  }
}

/** Bull's `queue.process(...)`, and every way of adding jobs to a queue or a flow. */
export function addQueueCalls(node: TSESTree.CallExpression, configs: readonly QueueWorkerConfig[], out: QueueWorkerOut, ctx: SyntaxContext): void {
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
  const method = callee.property.name;
  const receiverPath = getReceiverPath(callee.object);
  if (!receiverPath) return;
  const before = out.namedEnqueues.length;
  for (const config of configs) {
    for (const register of config.registers ?? []) if (register.methods.includes(method)) addRegisteredProcessor(node, receiverPath, register, config, out.processors, ctx);
    if (config.processMethods.includes(method)) addBullProcessor(node, receiverPath, config, out.processors, ctx);
    if (config.enqueue.add.includes(method)) addJob(node, method, receiverPath, config, out.namedEnqueues);
    if (config.enqueue.bulk.includes(method)) addBulk(node, method, receiverPath, config, out.namedEnqueues);
    if (config.enqueue.schedulers.includes(method)) addScheduler(node, method, receiverPath, config, out.namedEnqueues);
    if (config.flows?.methods.includes(method)) addFlows(node, method, receiverPath, config, out.namedEnqueues);
  }
  // Added to the queue a factory is given by name: `getQueue(QueueName.Export).add('export', data)`.
  const factoryQueue = getFactoryName(callee.object, 'queue');
  if (factoryQueue) for (const fact of out.namedEnqueues.slice(before)) if (fact.receiver !== FLOW_RECEIVER) fact.queue ??= factoryQueue;
}

/** `WorkerManager.register(QueueName.Export, exportProcessor, options)`: a processor of the queue the call names. */
function addRegisteredProcessor(
  node: TSESTree.CallExpression,
  receiverPath: string[],
  register: NonNullable<QueueWorkerConfig['registers']>[number],
  config: QueueWorkerConfig,
  processors: ProcessorFact[],
  ctx: SyntaxContext,
): void {
  if (register.receiver && !receiverPath.some((segment) => register.receiver!.names.some((name) => segment.toLowerCase().includes(name.toLowerCase())))) return;
  const queueArg = node.arguments[register.queueArg];
  const processorArg = node.arguments[register.processorArg];
  const queue = queueArg && queueArg.type !== 'SpreadElement' ? getNameRef(queueArg) : undefined;
  if (!queue || !processorArg) return;
  const span = getSpan(node);
  if (mergeAdapter(processors, span, config.name)) return;
  const fact: ProcessorFact = { adapters: [config.name], span, queue };
  const handler = getProcessorRef(processorArg, ctx);
  if (handler) fact.handler = handler;
  processors.push(fact);
}

/** `queue.process('name', 5, fn)`, `queue.process(fn)`, `queue.process('*', fn)`, `queue.process('name', './processor.js')`. */
function addBullProcessor(node: TSESTree.CallExpression, receiverPath: string[], config: QueueWorkerConfig, processors: ProcessorFact[], ctx: SyntaxContext): void {
  const args = node.arguments;
  const last = args[args.length - 1];
  if (!last || last.type === 'SpreadElement' || last.type === 'ObjectExpression' || last.type === 'Literal' && typeof last.value === 'number') return;
  const span = getSpan(node);
  if (mergeAdapter(processors, span, config.name)) return;
  const fact: ProcessorFact = { adapters: [config.name], span, receiverPath };
  const first = args.length >= 2 ? args[0] : undefined;
  const isNamed = first !== undefined && !(first.type === 'Literal' && (typeof first.value === 'number' || first.value === '*'));
  if (isNamed) {
    const name = first.type === 'SpreadElement' ? undefined : getNameRef(first);
    // A processor for a name that cannot be known: the queue's jobs cannot be judged.
    if (!name) {
      processors.push(fact);
      return;
    }
    fact.names = [name];
  }
  const handler = getProcessorRef(last, ctx);
  if (handler) fact.handler = handler;
  processors.push(fact);
}

/** `queue.add(name, data, opts)`; Bull's `queue.add(data)` adds a job under the default name. */
function addJob(node: TSESTree.CallExpression, method: string, receiverPath: string[], config: QueueWorkerConfig, enqueues: NamedEnqueueFact[]): void {
  const [first, second] = node.arguments;
  if (!first || first.type === 'SpreadElement') return;
  let names = first.type === 'Identifier' ? getIteratedNames(first, node) : undefined;
  const name = names ? undefined : getNameRef(first);
  let data = second;
  if (name) names = [name];
  else if (!names && config.defaultName !== undefined && first.type === 'ObjectExpression') {
    names = [{ value: config.defaultName }];
    data = first;
  }
  if (!names) return;
  const fact: NamedEnqueueFact = { adapters: [config.name], method, names, args: getSingleArgument(data), span: getSpan(node), receiverPath };
  addEnqueue(enqueues, withDelay(fact, getOptionsDelay(getArgumentAfter(node, data))));
}

/** `queue.addBulk([{ name, data, opts }, ...])`: one site per job whose name is known. */
function addBulk(node: TSESTree.CallExpression, method: string, receiverPath: string[], config: QueueWorkerConfig, enqueues: NamedEnqueueFact[]): void {
  for (const element of getListItems(node.arguments[0]) ?? []) {
    if (element?.type !== 'ObjectExpression') continue;
    const name = getNameRef(getObjectProperty(element, 'name'));
    if (!name) continue;
    const fact: NamedEnqueueFact = { adapters: [config.name], method, names: [name], args: getSingleArgument(getObjectProperty(element, 'data')), span: getSpan(element), receiverPath, requestSpan: getSpan(element) };
    addEnqueue(enqueues, withDelay(fact, getOptionsDelay(getObjectProperty(element, 'opts'))));
  }
}

/** `queue.upsertJobScheduler(id, repeat, { name, data })`: the template's name, else the scheduler's id. */
function addScheduler(node: TSESTree.CallExpression, method: string, receiverPath: string[], config: QueueWorkerConfig, enqueues: NamedEnqueueFact[]): void {
  const [id, , template] = node.arguments;
  if (!id || id.type === 'SpreadElement') return;
  const object = template?.type === 'ObjectExpression' ? template : undefined;
  const templateName = object && getObjectProperty(object, 'name');
  const name = templateName ? getNameRef(templateName) : getNameRef(id);
  if (!name) return;
  const data = object ? getObjectProperty(object, 'data') : undefined;
  addEnqueue(enqueues, { adapters: [config.name], method, names: [name], args: getSingleArgument(data), span: getSpan(node), receiverPath });
}

/** `flow.add({ name, queueName, data, children: [...] })`, `flow.addBulk([...])`: a site per job of the tree. */
function addFlows(node: TSESTree.CallExpression, method: string, receiverPath: string[], config: QueueWorkerConfig, enqueues: NamedEnqueueFact[]): void {
  const arg = node.arguments[0];
  const roots = getListItems(arg) ?? [arg];
  const visit = (job: Node | null | undefined, depth: number): void => {
    if (job?.type !== 'ObjectExpression' || depth > MAX_FLOW_DEPTH) return;
    const name = getNameRef(getObjectProperty(job, 'name'));
    const queue = getNameRef(getObjectProperty(job, 'queueName'));
    if (name) {
      const fact: NamedEnqueueFact = { adapters: [config.name], method, names: [name], args: getSingleArgument(getObjectProperty(job, 'data')), span: getSpan(job), receiverPath, requestSpan: getSpan(job) };
      if (queue) fact.queue = queue;
      fact.receiver = FLOW_RECEIVER;
      addEnqueue(enqueues, withDelay(fact, getOptionsDelay(getObjectProperty(job, 'opts'))));
    }
    const children = getObjectProperty(job, 'children');
    for (const child of getListItems(children) ?? []) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
}

function addEnqueue(enqueues: NamedEnqueueFact[], fact: NamedEnqueueFact): void {
  const existing = enqueues.find((other) => other.span.range[0] === fact.span.range[0] && other.span.range[1] === fact.span.range[1]);
  if (existing) {
    for (const adapter of fact.adapters) if (!existing.adapters.includes(adapter)) existing.adapters.push(adapter);
    return;
  }
  enqueues.push(fact);
}

function mergeAdapter(processors: ProcessorFact[], span: ProcessorFact['span'], adapter: string): boolean {
  const existing = processors.find((fact) => fact.span.range[0] === span.range[0] && fact.span.range[1] === span.range[1]);
  if (!existing) return false;
  if (!existing.adapters.includes(adapter)) existing.adapters.push(adapter);
  return true;
}

/** An inline processor, or one by reference; undefined for a sandboxed processor file (a path or URL). */
function getProcessorRef(node: TSESTree.CallExpressionArgument, ctx: SyntaxContext): HandlerRef | undefined {
  if (isFunctionNode(node)) return { fn: getFunctionFact('process', getSpan(node), node, ctx) };
  if (node.type === 'SpreadElement') return undefined;
  const bound = getMethodOfThis(node, ctx);
  if (bound) return { fn: getFunctionFact('process', getSpan(bound), bound, ctx) };
  const path = getReferencePath(node);
  return path ? { path } : undefined;
}

/**
 * NestJS: `@Processor('email') class EmailProcessor extends WorkerHost { process(job) {...} }`
 * (BullMQ) or `@Processor('email') class { @Process('welcome') welcome(job) {...} }` (Bull).
 */
export function addNestProcessors(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, configs: readonly QueueWorkerConfig[], out: QueueWorkerOut, ctx: SyntaxContext): void {
  if (!node.decorators || node.decorators.length === 0) return;
  for (const config of configs) {
    const decorator = node.decorators.find((candidate) => isDecorator(candidate, config.nest.processor));
    if (!decorator) continue;
    const queue = getDecoratorName(decorator);
    const methods: Record<string, HandlerFact> = {};
    const found: ProcessorFact[] = [];
    for (const element of node.body.body) {
      if (element.type !== 'MethodDefinition' || element.static || element.computed || element.key.type !== 'Identifier' || element.kind !== 'method') continue;
      const fn = getFunctionFact(element.key.name, getSpan(element.key), element.value, ctx);
      setOwn(methods, element.key.name, fn);
      const process = element.decorators.find((candidate) => isDecorator(candidate, config.nest.process));
      if (process) {
        const fact: ProcessorFact = { adapters: [config.name], span: getSpan(element.key), handler: { fn } };
        const name = getDecoratorName(process);
        if (name) fact.names = [name];
        found.push(fact);
      } else if (element.key.name === config.nest.hostMethod) {
        found.push({ adapters: [config.name], span: getSpan(element.key), handler: { fn } });
      }
    }
    for (const fact of found) {
      if (mergeAdapter(out.processors, fact.span, config.name)) continue;
      if (queue) fact.queue = queue;
      fact.methods = methods;
      out.processors.push(fact);
    }
  }
}
