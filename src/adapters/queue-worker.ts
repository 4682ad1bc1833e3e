/**
 * The `queue-worker` adapter's share of the one traversal (BullMQ, Bull and their NestJS
 * modules): processors (`new Worker('email', fn)`, `queue.process('name', fn)`, `@Processor`
 * classes), jobs added by name to queue objects, and what local names are bound to (queue
 * objects, with the queue they name). Which processor takes which job is decided across files
 * in project/build-contracts.ts.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { BindingFact, HandlerFact, HandlerRef, NameRef, NamedEnqueueFact, ProcessorFact } from '../model/facts.js';
import type { AdapterSet } from './adapter-set.js';
import type { QueueWorkerConfig } from './config.js';
import { getObjectProperty, getReceiverPath } from './string-registry.js';
import { getFunctionFact, getNameRef, getReferencePath, getSingleArgument, getSpan, getTypeSource, isFunctionNode, type Node, type SyntaxContext } from './syntax.js';

export interface QueueWorkerFacts {
  processors: ProcessorFact[];
  namedEnqueues: NamedEnqueueFact[];
  bindings: Record<string, BindingFact>;
}

/** Flows nest children this deep at most. */
const MAX_FLOW_DEPTH = 8;

/** `new Worker('email', processor, options)`. */
export function addWorkerProcessors(node: TSESTree.NewExpression, set: AdapterSet, out: QueueWorkerFacts, ctx: SyntaxContext): void {
  const name = getCalleeName(node.callee);
  if (!name || node.arguments.length < 2) return;
  for (const config of set.queueWorkers) {
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
export function addQueueCalls(node: TSESTree.CallExpression, set: AdapterSet, out: QueueWorkerFacts, ctx: SyntaxContext): void {
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
  const method = callee.property.name;
  const receiverPath = getReceiverPath(callee.object);
  if (!receiverPath) return;
  for (const config of set.queueWorkers) {
    if (config.processMethods.includes(method)) addBullProcessor(node, receiverPath, config, out.processors, ctx);
    if (config.enqueue.add.includes(method)) addJob(node, method, receiverPath, config, out.namedEnqueues);
    if (config.enqueue.bulk.includes(method)) addBulk(node, method, receiverPath, config, out.namedEnqueues);
    if (config.enqueue.schedulers.includes(method)) addScheduler(node, method, receiverPath, config, out.namedEnqueues);
    if (config.flows?.methods.includes(method)) addFlows(node, method, receiverPath, config, out.namedEnqueues);
  }
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
  let name = getNameRef(first);
  let data = second;
  if (!name && config.defaultName !== undefined && first.type === 'ObjectExpression') {
    name = { value: config.defaultName };
    data = first;
  }
  if (!name) return;
  addEnqueue(enqueues, { adapters: [config.name], method, names: [name], args: getSingleArgument(data), span: getSpan(node), receiverPath });
}

/** `queue.addBulk([{ name, data, opts }, ...])`: one site per job whose name is known. */
function addBulk(node: TSESTree.CallExpression, method: string, receiverPath: string[], config: QueueWorkerConfig, enqueues: NamedEnqueueFact[]): void {
  const list = node.arguments[0];
  if (list?.type !== 'ArrayExpression') return;
  for (const element of list.elements) {
    if (element?.type !== 'ObjectExpression') continue;
    const name = getNameRef(getObjectProperty(element, 'name'));
    if (!name) continue;
    addEnqueue(enqueues, { adapters: [config.name], method, names: [name], args: getSingleArgument(getObjectProperty(element, 'data')), span: getSpan(element), receiverPath, requestSpan: getSpan(element) });
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
  const roots = arg?.type === 'ArrayExpression' ? arg.elements : [arg];
  const visit = (job: Node | null | undefined, depth: number): void => {
    if (job?.type !== 'ObjectExpression' || depth > MAX_FLOW_DEPTH) return;
    const name = getNameRef(getObjectProperty(job, 'name'));
    const queue = getNameRef(getObjectProperty(job, 'queueName'));
    if (name) {
      const fact: NamedEnqueueFact = { adapters: [config.name], method, names: [name], args: getSingleArgument(getObjectProperty(job, 'data')), span: getSpan(job), receiverPath, requestSpan: getSpan(job) };
      if (queue) fact.queue = queue;
      fact.receiver = 'flow';
      addEnqueue(enqueues, fact);
    }
    const children = getObjectProperty(job, 'children');
    if (children?.type === 'ArrayExpression') for (const child of children.elements) visit(child, depth + 1);
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
  const path = getReferencePath(node);
  return path ? { path } : undefined;
}

function getCalleeName(node: TSESTree.Expression): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') return node.property.name;
  return undefined;
}

/**
 * NestJS: `@Processor('email') class EmailProcessor extends WorkerHost { process(job) {...} }`
 * (BullMQ) or `@Processor('email') class { @Process('welcome') welcome(job) {...} }` (Bull).
 */
export function addNestProcessors(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, set: AdapterSet, out: QueueWorkerFacts, ctx: SyntaxContext): void {
  if (!node.decorators || node.decorators.length === 0) return;
  for (const config of set.queueWorkers) {
    const decorator = node.decorators.find((candidate) => isDecorator(candidate, config.nest.processor));
    if (!decorator) continue;
    const queue = getDecoratorName(decorator);
    const methods: Record<string, HandlerFact> = {};
    const found: ProcessorFact[] = [];
    for (const element of node.body.body) {
      if (element.type !== 'MethodDefinition' || element.static || element.computed || element.key.type !== 'Identifier' || element.kind !== 'method') continue;
      const fn = getFunctionFact(element.key.name, getSpan(element.key), element.value, ctx);
      methods[element.key.name] = fn;
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

function isDecorator(decorator: TSESTree.Decorator, names: string[]): boolean {
  const expression = decorator.expression;
  const callee = expression.type === 'CallExpression' ? expression.callee : expression;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
  return name !== undefined && names.includes(name);
}

/** `@Processor('email')`, `@Processor({ name: 'email' })`, `@Process('welcome')`, `@InjectQueue(EMAIL)`. */
function getDecoratorName(decorator: TSESTree.Decorator): NameRef | undefined {
  const expression = decorator.expression;
  if (expression.type !== 'CallExpression') return undefined;
  const arg = expression.arguments[0];
  if (!arg || arg.type === 'SpreadElement') return undefined;
  if (arg.type === 'ObjectExpression') return getNameRef(getObjectProperty(arg, 'name'));
  return getNameRef(arg);
}

/**
 * Records what a declaration binds a name to, when it is an object of a receiver type of some
 * adapter (`new Queue('email')`, `q: Queue`, `@InjectQueue('email') q`): keys are `q` and `this.q`.
 */
export function addBindings(node: Node, set: AdapterSet, bindings: Record<string, BindingFact>): void {
  switch (node.type) {
    case 'VariableDeclarator':
      if (node.id.type === 'Identifier') addBinding(bindings, node.id.name, node.id.typeAnnotation, node.init, [], set);
      return;
    case 'PropertyDefinition':
      if (!node.computed && node.key.type === 'Identifier' && !node.static) addBinding(bindings, `this.${node.key.name}`, node.typeAnnotation, node.value, node.decorators, set);
      return;
    case 'TSParameterProperty': {
      const param = node.parameter.type === 'AssignmentPattern' ? node.parameter.left : node.parameter;
      if (param.type === 'Identifier') {
        addBinding(bindings, `this.${param.name}`, param.typeAnnotation, null, node.decorators, set);
        addBinding(bindings, param.name, param.typeAnnotation, null, node.decorators, set);
      }
      return;
    }
    case 'AssignmentExpression':
      if (node.left.type === 'MemberExpression' && node.left.object.type === 'ThisExpression' && !node.left.computed && node.left.property.type === 'Identifier') {
        addBinding(bindings, `this.${node.left.property.name}`, undefined, node.right, [], set);
      }
      return;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      for (const param of node.params) {
        const target = param.type === 'AssignmentPattern' ? param.left : param;
        if (target.type === 'Identifier') addBinding(bindings, target.name, target.typeAnnotation, null, target.decorators ?? [], set);
      }
      return;
  }
}

function addBinding(
  bindings: Record<string, BindingFact>,
  key: string,
  annotation: TSESTree.TSTypeAnnotation | undefined,
  init: TSESTree.Expression | null | undefined,
  decorators: TSESTree.Decorator[],
  set: AdapterSet,
): void {
  const types: string[] = [];
  let name: NameRef | undefined;
  const typeName = getTypeName(annotation?.typeAnnotation);
  if (typeName && set.receiverTypes.has(typeName)) types.push(typeName);
  let value = init;
  while (value && (value.type === 'TSAsExpression' || value.type === 'TSNonNullExpression' || value.type === 'TSSatisfiesExpression')) value = value.expression;
  if (value?.type === 'NewExpression' || value?.type === 'CallExpression') {
    const constructed = getCalleeName(value.callee);
    if (constructed && set.receiverTypes.has(constructed) && (value.type === 'NewExpression' || set.callableReceivers.has(constructed))) {
      if (!types.includes(constructed)) types.push(constructed);
      const first = value.arguments[0];
      name = first && first.type !== 'SpreadElement' ? getNameRef(first) : undefined;
    }
  }
  for (const decorator of decorators) {
    if (!isDecorator(decorator, [...set.injectDecorators])) continue;
    name = getDecoratorName(decorator);
    if (types.length === 0) types.push('Queue');
  }
  if (types.length === 0) return;
  const binding: BindingFact = { types };
  if (name) binding.name = name;
  bindings[key] = binding;
}

function getTypeName(node: TSESTree.TypeNode | undefined): string | undefined {
  if (node?.type !== 'TSTypeReference') return undefined;
  const name = node.typeName;
  if (name.type === 'Identifier') return name.name;
  if (name.type === 'TSQualifiedName') return name.right.name;
  return undefined;
}
