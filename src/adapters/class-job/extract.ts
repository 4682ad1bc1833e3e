/**
 * The `class-job` kind's share of the one traversal: the calls that may enqueue a class, in the
 * shapes each configuration declares. Classes themselves are read by the shared class reader
 * (with the handler methods and statics this kind asks for); which class is a job is decided
 * across files in resolve.ts.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ArgumentsFact, DelayFact, EnqueueFact, NameRef, SourceSpan } from '../../model/facts.js';
import { getOptionsDelay } from '../shared/delays.js';
import { getSingleArgument, getSpreadArguments } from '../shared/arguments.js';
import { getListItems, getNameRef, getObjectProperty, getReceiverPath, getSpan, type Node } from '../shared/syntax.js';
import type { ClassJobConfig, ProducerShape } from './config.js';
import { getOwn } from '../../model/records.js';

/** A call on an object that may be an in-house queue service: which class it is is found across files. */
export interface ProducerCallFact {
  adapters: string[];
  method: string;
  receiverPath: string[];
  args: ArgumentsFact;
  span: SourceSpan;
}

/**
 * `this.emailQueue.add(data)`, `this.emailQueue.add({ name, data })`, `q.addBulk([{ data }])`: one
 * fact per payload, under the first producer shape of each configuration that can read the call.
 */
export function addProducerCalls(node: TSESTree.CallExpression, configs: readonly ClassJobConfig[], calls: ProducerCallFact[]): void {
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
  const method = callee.property.name;
  const receiverPath = getReceiverPath(callee.object);
  if (!receiverPath || receiverPath[0]!.startsWith('new ')) return;
  for (const config of configs) {
    for (const shape of config.enqueue.producers ?? []) {
      if (!shape.methods.includes(method)) continue;
      const payloads = getProducerPayloads(node, shape);
      if (!payloads) continue;
      for (const { args, span } of payloads) {
        const existing = calls.find((call) => call.span.range[0] === span.range[0] && call.span.range[1] === span.range[1]);
        if (existing) {
          if (!existing.adapters.includes(config.name)) existing.adapters.push(config.name);
        } else calls.push({ adapters: [config.name], method, receiverPath, args, span });
      }
      break;
    }
  }
}

/** A payload that cannot be read (a batch built elsewhere): every check counts it as passing. */
const UNREADABLE: ArgumentsFact = { count: 0, hasSpread: true };

function getProducerPayloads(node: TSESTree.CallExpression, shape: ProducerShape): Array<{ args: ArgumentsFact; span: SourceSpan }> | undefined {
  const arg = node.arguments[shape.arg];
  if (!arg || arg.type === 'SpreadElement') return undefined;
  const items = shape.batch ? getListItems(arg) : [arg];
  if (!items) return [{ args: UNREADABLE, span: getSpan(node) }];
  const payloads: Array<{ args: ArgumentsFact; span: SourceSpan }> = [];
  for (const item of items) {
    if (!item || item.type === 'SpreadElement') continue;
    if (shape.key === undefined) {
      payloads.push({ args: getSingleArgument(item), span: getSpan(shape.batch ? item : node) });
      continue;
    }
    // With a key, only an object literal tells where the payload is: anything else is another call shape.
    if (item.type !== 'ObjectExpression') return shape.batch ? [{ args: UNREADABLE, span: getSpan(node) }] : undefined;
    const hasKey = item.properties.some((property) => property.type === 'SpreadElement') || getObjectProperty(item, shape.key) !== undefined;
    payloads.push({ args: hasKey ? getSingleArgument(getObjectProperty(item, shape.key)) : getSingleArgument(undefined), span: getSpan(shape.batch ? item : node) });
  }
  return payloads;
}

/** Adds the enqueue facts that one call makes under each class-job configuration. */
export function addClassEnqueues(node: TSESTree.CallExpression, configs: readonly ClassJobConfig[], enqueues: EnqueueFact[]): void {
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
  const method = callee.property.name;
  let merged: EnqueueFact | undefined;
  for (const config of configs) {
    const fact = getClassEnqueue(node, callee.object, method, config);
    if (!fact) continue;
    if (merged && merged.callee === fact.callee) {
      merged.adapters!.push(config.name);
      merged.queue ??= fact.queue;
      merged.delay ??= fact.delay;
    } else if (!merged) {
      merged = fact;
      enqueues.push(fact);
    }
  }
}

function getClassEnqueue(node: TSESTree.CallExpression, object: TSESTree.Expression, method: string, config: ClassJobConfig): EnqueueFact | undefined {
  const { static: statics, instance, builder, service } = config.enqueue;
  const span = getSpan(node);
  const adapters = [config.name];
  if (statics?.methods.includes(method)) {
    const target = getStaticTarget(object, statics.via ?? []);
    if (target) {
      const fact: EnqueueFact = { callee: target.name, method, args: getSpreadArguments(node.arguments, 0), span, adapters };
      const queue = getChainedQueue(node, statics.queueMethods ?? []) ?? target.queue;
      if (queue) fact.queue = queue;
      if (target.delay) fact.delay = target.delay;
      return fact;
    }
  }
  if (instance?.methods.includes(method) && object.type === 'NewExpression' && object.callee.type === 'Identifier') {
    return { callee: object.callee.name, method, args: getSpreadArguments(node.arguments, 0), span, adapters };
  }
  const builderFrom = getOwn(builder?.methods, method);
  if (builder && builderFrom !== undefined) {
    const target = getBuilderTarget(object, builder);
    if (target) {
      const fact: EnqueueFact = { callee: target.name, method, args: getSpreadArguments(node.arguments, builderFrom), span, adapters };
      if (target.queue) fact.queue = target.queue;
      return fact;
    }
  }
  if (service?.methods.includes(method)) {
    const name = node.arguments[service.nameArg];
    if (name?.type === 'MemberExpression' && !name.computed && name.object.type === 'Identifier' && name.property.type === 'Identifier' && name.property.name === 'name') {
      return { callee: name.object.name, method, args: getSingleArgument(node.arguments[service.payloadArg]), span, adapters };
    }
  }
  return undefined;
}

/** The class named by `X.method(...)` or `X.set({ queue }).method(...)`, with the queue such a `via` call names. */
function getStaticTarget(node: TSESTree.Expression, via: string[]): { name: string; queue?: NameRef; delay?: DelayFact } | undefined {
  if (node.type === 'Identifier') return { name: node.name };
  if (
    node.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    !node.callee.computed &&
    node.callee.property.type === 'Identifier' &&
    via.includes(node.callee.property.name)
  ) {
    const target = getStaticTarget(node.callee.object, via);
    if (!target) return undefined;
    // The `set()` nearest the class wins: `X.set({ queue: 'a' }).set({ queue: 'b' })` stays on 'a'.
    const queue = target.queue ?? getObjectName(node.arguments[0], 'queue');
    const delay = target.delay ?? getOptionsDelay(node.arguments[0]);
    return { ...target, ...(queue ? { queue } : {}), ...(delay ? { delay } : {}) };
  }
  return undefined;
}

function getObjectName(node: Node | undefined, key: string): NameRef | undefined {
  if (node?.type !== 'ObjectExpression') return undefined;
  for (const property of node.properties) {
    if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && property.key.name === key) {
      return getNameRef(property.value);
    }
  }
  return undefined;
}

/** `X.dispatch(p).toQueue('q')`: the queue a call chained on the enqueue call names. */
function getChainedQueue(node: TSESTree.CallExpression, queueMethods: string[]): NameRef | undefined {
  const member = node.parent;
  if (queueMethods.length === 0 || member?.type !== 'MemberExpression' || member.object !== node || member.computed) return undefined;
  if (member.property.type !== 'Identifier' || !queueMethods.includes(member.property.name)) return undefined;
  const call = member.parent;
  return call?.type === 'CallExpression' && call.callee === member ? getNameRef(call.arguments[0]) : undefined;
}

/** `Sidequest.build(X).queue('q').timeout(5)`: the class and the queue of a builder chain. */
function getBuilderTarget(node: TSESTree.Expression, builder: NonNullable<ClassJobConfig['enqueue']['builder']>): { name: string; queue?: NameRef } | undefined {
  let queue: NameRef | undefined;
  let current: TSESTree.Expression = node;
  for (let depth = 0; depth < 16; depth++) {
    if (current.type !== 'CallExpression' || current.callee.type !== 'MemberExpression' || current.callee.computed) return undefined;
    const { object, property } = current.callee;
    if (property.type !== 'Identifier') return undefined;
    if (property.name === builder.method && object.type === 'Identifier' && object.name === builder.object) {
      const target = current.arguments[0];
      if (target?.type !== 'Identifier') return undefined;
      return queue ? { name: target.name, queue } : { name: target.name };
    }
    if (builder.queueMethods?.includes(property.name)) queue ??= getNameRef(current.arguments[0]);
    current = object;
  }
  return undefined;
}
