/**
 * The `string-registry` kind's share of the one traversal: jobs defined under a name by a
 * registration call or an object map given to a known constructor, and calls that enqueue a
 * job by name. Names are kept as written (a string or a reference); a name written any other
 * way is dynamic and produces no fact, so it can never produce a finding.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { DelayFact, HandlerRef, NameRef, NamedEnqueueFact } from '../../model/facts.js';
import { getDelayValue, getOptionsDelay, withDelay } from '../shared/delays.js';
import { getCalleeName } from '../shared/calls.js';
import { getFunctionFact, getMethodOfThis } from '../shared/functions.js';
import { getPayloadArguments, type NamedEnqueueShape } from '../shared/named-enqueue.js';
import { getSingleArgument } from '../shared/arguments.js';
import { getIteratedNames, getListItems, getNameRef, getObjectPath, getObjectProperty, getReceiverPath, getReferencePath, getSpan, isFunctionNode, type SyntaxContext } from '../shared/syntax.js';
import { getTypeSource } from '../shared/types.js';
import { getObjectFact } from '../shared/values.js';
import type { StringRegistryConfig } from './config.js';
import { getOwn } from '../../model/records.js';
import type { RegistrationFact, RegistryMapFact } from './facts.js';

/** What the traversal of one file collects for the registry kind. */
export interface RegistryOut {
  registrations: RegistrationFact[];
  registryMaps: RegistryMapFact[];
  namedEnqueues: NamedEnqueueFact[];
}

export function addRegistryCalls(node: TSESTree.CallExpression, configs: readonly StringRegistryConfig[], out: RegistryOut, ctx: SyntaxContext): void {
  const callee = node.callee;
  if (callee.type === 'Identifier') {
    addBareCalls(node, callee.name, configs, out, ctx);
    return;
  }
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
  addCallMaps(node, callee.property.name, configs, out.registryMaps, ctx);
  const method = callee.property.name;
  for (const config of configs) {
    for (const register of config.register ?? []) {
      if (register.methods.includes(method)) addRegistration(node, callee.object, method, register, config.name, out.registrations, ctx);
    }
    for (const shape of config.enqueue) {
      if (!shape.methods.includes(method)) continue;
      if (shape.payload === 'request') addRequestEnqueues(node, callee.object, method, shape, config.name, out.namedEnqueues);
      else addNamedEnqueue(node, callee.object, method, shape, config.name, out.namedEnqueues);
    }
    const dispatch = config.definitions?.map((shape) => getOwn(shape.dispatch, method)).find((kind) => kind !== undefined);
    if (dispatch) addDispatch(node, callee.object, method, dispatch, config.name, out.namedEnqueues);
  }
}

/**
 * `exportJob.dispatch(payload)`, `exportJob.dispatchBatch([p1, p2])`: a call on the object a
 * definition call returned, named by that binding (resolved to the definition across files).
 */
function addDispatch(node: TSESTree.CallExpression, receiver: TSESTree.Expression, method: string, kind: 'single' | 'batch', adapter: string, enqueues: NamedEnqueueFact[]): void {
  const path = getReferencePath(receiver);
  if (!path) return;
  const arg = node.arguments[0];
  const payloads = kind === 'single' ? [arg] : getListItems(arg);
  for (const payload of payloads ?? [undefined]) {
    const span = getSpan(kind === 'batch' && payload ? payload : node);
    if (enqueues.some((fact) => fact.byBinding && fact.span.range[0] === span.range[0] && fact.span.range[1] === span.range[1])) continue;
    const args = payloads ? getSingleArgument(payload && payload.type !== 'SpreadElement' ? payload : undefined) : { count: 0, hasSpread: true };
    enqueues.push({ adapters: [adapter], method, names: [{ path }], args, span, byBinding: true });
  }
}

function addRegistration(
  node: TSESTree.CallExpression,
  receiver: TSESTree.Expression,
  method: string,
  shape: { nameArg: number; handlerArg: number | 'last' },
  adapter: string,
  registrations: RegistrationFact[],
  ctx: SyntaxContext,
): void {
  const names = getNames(node.arguments[shape.nameArg]);
  const handlerArg = shape.handlerArg === 'last' ? node.arguments.length - 1 : shape.handlerArg;
  if (handlerArg <= shape.nameArg) return;
  const handler = getHandlerRef(node.arguments[handlerArg], method, ctx);
  if (!names || !handler) return;
  const span = getSpan(node.arguments[shape.nameArg]!);
  const existing = registrations.find((fact) => fact.span.range[0] === span.range[0] && fact.method === method);
  if (existing) {
    if (!existing.adapters.includes(adapter)) existing.adapters.push(adapter);
    return;
  }
  const fact: RegistrationFact = { adapters: [adapter], method, names, handler, span };
  const receiverPath = getReceiverPath(receiver);
  if (receiverPath) fact.receiverPath = receiverPath;
  const typeArgument = getTypeSource(node.typeArguments?.params[0], ctx);
  if (typeArgument) fact.typeArgument = typeArgument;
  registrations.push(fact);
}

function getHandlerRef(node: TSESTree.CallExpressionArgument | undefined, method: string, ctx: SyntaxContext): HandlerRef | undefined {
  if (!node || node.type === 'SpreadElement') return undefined;
  if (isFunctionNode(node)) return { fn: getFunctionFact(method, getSpan(node), node, ctx) };
  const bound = getMethodOfThis(node, ctx);
  if (bound) return { fn: getFunctionFact(method, getSpan(bound), bound, ctx) };
  const path = getReferencePath(node);
  return path ? { path } : undefined;
}

/** One name, or an array of names (`schedule(when, ['a', 'b'])`); undefined when any is dynamic. */
function getNames(node: TSESTree.CallExpressionArgument | undefined): NameRef[] | undefined {
  if (!node || node.type === 'SpreadElement') return undefined;
  if (node.type === 'ArrayExpression') {
    const names = node.elements.map((element) => (element && element.type !== 'SpreadElement' ? getNameRef(element) : undefined));
    return names.length > 0 && names.every((name) => name !== undefined) ? names : undefined;
  }
  const name = getNameRef(node);
  return name ? [name] : undefined;
}

function addNamedEnqueue(
  node: TSESTree.CallExpression,
  receiver: TSESTree.Expression,
  method: string,
  shape: NamedEnqueueShape,
  adapter: string,
  enqueues: NamedEnqueueFact[],
): void {
  if (node.arguments.length <= shape.nameArg) return;
  const nameArg = node.arguments[shape.nameArg];
  const names = (nameArg?.type === 'Identifier' ? getIteratedNames(nameArg, node) : undefined) ?? getNames(nameArg);
  if (!names) return;
  const span = getSpan(node);
  // Two adapters read the same call alike only when they find the same names in it (`schedule(when, name)` is not `schedule(name, cron)`).
  const key = JSON.stringify(names);
  const existing = enqueues.find((fact) => fact.span.range[0] === span.range[0] && fact.span.range[1] === span.range[1] && JSON.stringify(fact.names) === key);
  if (existing) {
    if (!existing.adapters.includes(adapter)) existing.adapters.push(adapter);
    return;
  }
  const fact: NamedEnqueueFact = { adapters: [adapter], method, names, args: getPayloadArguments(node, shape), span };
  withDelay(fact, getShapeDelay(node, shape));
  const queue = shape.queueArg === undefined ? undefined : getNameRef(node.arguments[shape.queueArg]);
  if (queue) fact.queue = queue;
  addReceiver(fact, receiver);
  enqueues.push(fact);
}

/** The delay a call of the shape asks for: by its when-argument (`enqueueIn(ms, ...)`), or in the options after its payload. */
function getShapeDelay(node: TSESTree.CallExpression, shape: NamedEnqueueShape): DelayFact | undefined {
  if (shape.delay) {
    const when = node.arguments[shape.delay.arg];
    return when && when.type !== 'SpreadElement' ? getDelayValue(when, shape.delay.unit) : undefined;
  }
  return shape.payload === 'spread' ? undefined : getOptionsDelay(node.arguments[shape.payloadArg + 1]);
}

function addReceiver(fact: NamedEnqueueFact, receiver: TSESTree.Expression): void {
  const receiverName = receiver.type === 'Identifier' ? receiver.name : receiver.type === 'NewExpression' && receiver.callee.type === 'Identifier' ? receiver.callee.name : undefined;
  if (receiverName) fact.receiver = receiverName;
  const receiverPath = getReceiverPath(receiver);
  if (receiverPath) fact.receiverPath = receiverPath;
}

/**
 * `boss.send({ name, data })`, `boss.insert([{ name, data }, ...])`: one enqueue fact per request
 * object whose name is known, at the object.
 */
function addRequestEnqueues(
  node: TSESTree.CallExpression,
  receiver: TSESTree.Expression,
  method: string,
  shape: NamedEnqueueShape,
  adapter: string,
  enqueues: NamedEnqueueFact[],
): void {
  const arg = node.arguments[shape.nameArg];
  const keys = shape.requestKeys ?? { name: 'name', data: 'data' };
  const requests = getListItems(arg) ?? [arg];
  for (const request of requests) {
    if (request?.type !== 'ObjectExpression') continue;
    const name = getNameRef(getObjectPath(request, keys.name));
    if (!name) continue;
    const span = getSpan(request);
    const existing = enqueues.find((fact) => fact.span.range[0] === span.range[0] && fact.span.range[1] === span.range[1]);
    if (existing) {
      if (!existing.adapters.includes(adapter)) existing.adapters.push(adapter);
      continue;
    }
    const fact: NamedEnqueueFact = { adapters: [adapter], method, names: [name], args: getSingleArgument(getObjectPath(request, keys.data)), span };
    // pg-boss takes a request's options on it (`insert([{ name, data, startAfter }])`) or under `options`.
    withDelay(fact, getOptionsDelay(request) ?? getOptionsDelay(getObjectProperty(request, 'options')));
    addReceiver(fact, receiver);
    enqueues.push(fact);
  }
}

/** `addJob('name', payload)` with `addJob` taken from helpers; `run({ taskList })`. */
function addBareCalls(node: TSESTree.CallExpression, name: string, configs: readonly StringRegistryConfig[], out: RegistryOut, ctx: SyntaxContext): void {
  for (const config of configs) {
    for (const shape of config.enqueue) {
      if (shape.bare && shape.methods.includes(name)) addNamedEnqueue(node, node.callee as TSESTree.Expression, name, shape, config.name, out.namedEnqueues);
    }
  }
  addCallMaps(node, name, configs, out.registryMaps, ctx);
}

function addCallMaps(node: TSESTree.CallExpression, name: string, configs: readonly StringRegistryConfig[], maps: RegistryMapFact[], ctx: SyntaxContext): void {
  for (const config of configs) {
    for (const shape of config.maps ?? []) if (shape.functions?.includes(name)) addMap(node, shape, config.name, maps, ctx);
  }
}

/** `new Worker(options, jobs)`: the map of jobs, inline or a reference to a module-level object. */
export function addRegistryMaps(node: TSESTree.NewExpression, configs: readonly StringRegistryConfig[], maps: RegistryMapFact[], ctx: SyntaxContext): void {
  const name = getCalleeName(node.callee);
  if (!name) return;
  for (const config of configs) {
    for (const shape of config.maps ?? []) if (shape.constructors?.includes(name)) addMap(node, shape, config.name, maps, ctx);
  }
}

function addMap(
  node: TSESTree.NewExpression | TSESTree.CallExpression,
  shape: NonNullable<StringRegistryConfig['maps']>[number],
  adapter: string,
  maps: RegistryMapFact[],
  ctx: SyntaxContext,
): void {
  const options: TSESTree.Node | undefined = node.arguments[shape.argIndex];
  let arg: TSESTree.Node | undefined = options;
  if (arg && shape.property) arg = arg.type === 'ObjectExpression' ? getObjectProperty(arg, shape.property) : undefined;
  const sibling = shape.schemas && options?.type === 'ObjectExpression' ? getObjectFact(getObjectProperty(options, shape.schemas.property), ctx, 0, false) : undefined;
  const schemas = sibling && shape.schemas ? { map: sibling, ...(shape.schemas.key ? { key: shape.schemas.key } : {}) } : undefined;
  if (!arg || arg.type === 'SpreadElement') return;
  const inline = getObjectFact(arg.type === 'TSAsExpression' || arg.type === 'TSSatisfiesExpression' ? arg.expression : arg, ctx, 0, false);
  const path = inline ? undefined : getReferencePath(arg);
  const start = arg.range[0];
  const existing = maps.find((fact) => fact.span.range[0] === start);
  if (existing) {
    if (!existing.adapters.includes(adapter)) existing.adapters.push(adapter);
  } else if (inline) {
    maps.push({ adapters: [adapter], map: { inline }, span: getSpan(arg), ...(schemas ? { schemas } : {}) });
  } else if (path) {
    maps.push({ adapters: [adapter], map: { path }, span: getSpan(arg), ...(schemas ? { schemas } : {}) });
  }
}

/**
 * `graphile_worker.add_job('send_email', ...)` in SQL held by a string or a template: an enqueue
 * site whose arguments cannot be read.
 */
export function addSqlEnqueues(node: TSESTree.Literal | TSESTree.TemplateLiteral, configs: readonly StringRegistryConfig[], enqueues: NamedEnqueueFact[]): void {
  const text = node.type === 'Literal' ? (typeof node.value === 'string' ? node.value : '') : node.quasis.map((quasi) => quasi.value.cooked ?? '').join('${}');
  for (const config of configs) {
    for (const fn of config.sql ?? []) {
      if (!text.includes(fn)) continue;
      const pattern = new RegExp(`${fn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\(\\s*'([^'$]+)'`, 'g');
      for (const match of text.matchAll(pattern)) {
        enqueues.push({ adapters: [config.name], method: fn, names: [{ value: match[1]! }], args: { count: 0, hasSpread: true }, span: getSpan(node) });
      }
    }
  }
}
