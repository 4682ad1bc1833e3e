/**
 * The `event-function` kind's share of the one traversal (Inngest): functions triggered by
 * events (`inngest.createFunction(...)`) and events sent as `{ name, data }` objects or created
 * from an event type (`userCreated.create(data)`). Event types themselves are module-level
 * values (shared/values.ts), resolved at build time.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { NamedEnqueueFact } from '../../model/facts.js';
import { getFunctionFact } from '../shared/functions.js';
import type { NamedEnqueueShape } from '../shared/named-enqueue.js';
import { getSingleArgument } from '../shared/arguments.js';
import { getNameRef, getObjectProperty, getReceiverPath, getReferencePath, getSpan, isFunctionNode, type SyntaxContext } from '../shared/syntax.js';
import type { EventFunctionConfig } from './config.js';
import type { EventFunctionFact } from './facts.js';

/** What the traversal of one file collects for the event-function kind. */
export interface EventOut {
  eventFunctions: EventFunctionFact[];
  namedEnqueues: NamedEnqueueFact[];
}

export function addEventCalls(node: TSESTree.CallExpression, configs: readonly EventFunctionConfig[], out: EventOut, ctx: SyntaxContext): void {
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
  const method = callee.property.name;
  for (const config of configs) {
    if (config.methods.includes(method)) addFunction(node, config, out.eventFunctions, ctx);
    for (const shape of config.send) if (shape.methods.includes(method)) addSends(node, callee.object, method, shape, config, out.namedEnqueues);
  }
}

/** `createFunction({ id, triggers })` with the handler, or `createFunction({ id }, trigger, handler)` (v3). */
function addFunction(node: TSESTree.CallExpression, config: EventFunctionConfig, functions: EventFunctionFact[], ctx: SyntaxContext): void {
  const [options, second, third] = node.arguments;
  if (options?.type !== 'ObjectExpression') return;
  const handlerNode = isFunctionNode(third) ? third : isFunctionNode(second) ? second : undefined;
  const triggers = isFunctionNode(second) ? getObjectProperty(options, 'triggers') : second;
  const events: EventFunctionFact['events'] = [];
  const list = triggers?.type === 'ArrayExpression' ? triggers.elements : [triggers];
  for (const trigger of list) {
    if (!trigger || trigger.type === 'SpreadElement') continue;
    if (trigger.type === 'ObjectExpression') {
      const event = getObjectProperty(trigger, 'event');
      if (!event) continue;
      const name = getNameRef(event);
      if (name && 'value' in name) events.push({ name, span: getSpan(event) });
      else if (name) events.push({ name, span: getSpan(event), byType: true });
    } else {
      // `triggers: [userCreated]`: an event type is a trigger of its own.
      const path = getReferencePath(trigger);
      if (path) events.push({ name: { path }, span: getSpan(trigger), byType: true });
    }
  }
  if (events.length === 0) return;
  const span = getSpan(node);
  const existing = functions.find((fact) => fact.span.range[0] === span.range[0]);
  if (existing) {
    if (!existing.adapters.includes(config.name)) existing.adapters.push(config.name);
    return;
  }
  const fact: EventFunctionFact = { adapters: [config.name], events, span: getSpan(getObjectProperty(options, 'id') ?? options) };
  if (handlerNode) fact.handler = getFunctionFact('handler', getSpan(handlerNode), handlerNode, ctx);
  functions.push(fact);
}

/** `{ name, data }` objects (one or an array) and `type.create(data)` calls: a site per event. */
function addSends(node: TSESTree.CallExpression, receiver: TSESTree.Expression, method: string, shape: NamedEnqueueShape, config: EventFunctionConfig, enqueues: NamedEnqueueFact[]): void {
  const arg = node.arguments[shape.nameArg];
  const keys = shape.requestKeys ?? { name: 'name', data: 'data' };
  const receiverPath = getReceiverPath(receiver);
  const events = arg?.type === 'ArrayExpression' ? arg.elements : [arg];
  for (const event of events) {
    if (!event || event.type === 'SpreadElement') continue;
    const fact = getEventSend(event, keys, method, config.name);
    if (!fact) continue;
    if (receiverPath) fact.receiverPath = receiverPath;
    // Another adapter may read the same call (pg-boss's `send({ name, data })`): one fact, both adapters.
    const key = JSON.stringify(fact.names);
    const existing = enqueues.find((other) => other.span.range[0] === fact.span.range[0] && other.span.range[1] === fact.span.range[1] && JSON.stringify(other.names) === key);
    if (existing) {
      if (!existing.adapters.includes(config.name)) existing.adapters.push(config.name);
    } else {
      enqueues.push(fact);
    }
  }
}

function getEventSend(event: TSESTree.Expression, keys: { name: string; data: string }, method: string, adapter: string): NamedEnqueueFact | undefined {
  if (event.type === 'ObjectExpression') {
    const name = getNameRef(getObjectProperty(event, keys.name));
    return name ? { adapters: [adapter], method, names: [name], args: getSingleArgument(getObjectProperty(event, keys.data)), span: getSpan(event) } : undefined;
  }
  // `userCreated.create({ id })`: the event type names the event.
  if (event.type === 'CallExpression' && event.callee.type === 'MemberExpression' && !event.callee.computed && event.callee.property.type === 'Identifier' && event.callee.property.name === 'create') {
    const path = getReferencePath(event.callee.object);
    if (path) return { adapters: [adapter], method, names: [{ path }], args: getSingleArgument(event.arguments[0]), span: getSpan(event), byBinding: true };
  }
  return undefined;
}
