/**
 * The `task-definition` kind's share of the one traversal (Trigger.dev): tasks defined by
 * `task({ id, run })`, `schemaTask({ id, schema, run })` and `schedules.task({ id, run })`,
 * and the calls that trigger them, through the task object or by id.
 */
import { getArgumentAfter, getOptionsDelay, withDelay } from '../shared/delays.js';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { NamedEnqueueFact } from '../../model/facts.js';
import { getFunctionFact, getPayloadSource } from '../shared/functions.js';
import { getSingleArgument } from '../shared/arguments.js';
import { getListItems, getNameRef, getObjectProperty, getReferencePath, getSpan, isFunctionNode, type SyntaxContext } from '../shared/syntax.js';
import type { TaskDefinitionConfig } from './config.js';
import type { TaskDefinitionFact } from './facts.js';
import { getOwn } from '../../model/records.js';
import { getValueFact } from '../shared/values.js';

/** What the traversal of one file collects for the task-definition kind. */
export interface TaskOut {
  taskDefinitions: TaskDefinitionFact[];
  namedEnqueues: NamedEnqueueFact[];
}

export function addTaskCalls(node: TSESTree.CallExpression, configs: readonly TaskDefinitionConfig[], out: TaskOut, ctx: SyntaxContext): void {
  const callee = getReferencePath(node.callee);
  if (!callee) return;
  const written = callee.join('.');
  const method = callee[callee.length - 1]!;
  const object = callee.length >= 2 ? callee[callee.length - 2]! : undefined;
  for (const config of configs) {
    if (config.definers.includes(written) || (callee.length === 2 && config.definers.includes(method) && object === 'schedules')) addDefinition(node, written, config, out.taskDefinitions, ctx);
    if (!object) continue;
    const byTask = getOwn(config.taskMethods, method);
    if (byTask && callee.length === 2 && !config.byId.objects.includes(object) && !config.byIdItems.objects.includes(object)) {
      addPayloads(out.namedEnqueues, config, method, [{ path: [object] }], node.arguments[0], byTask, node, true);
    }
    const byId = getOwn(config.byId.methods, method);
    if (byId && config.byId.objects.includes(object)) {
      const name = node.arguments[0] && node.arguments[0].type !== 'SpreadElement' ? getNameRef(node.arguments[0]) : undefined;
      if (name) addPayloads(out.namedEnqueues, config, method, [name], node.arguments[1], byId, node, false);
    }
    if (config.byIdItems.objects.includes(object) && config.byIdItems.methods.includes(method)) addItems(out.namedEnqueues, config, method, node, 'id', false);
    if (config.byTaskItems.objects.includes(object) && config.byTaskItems.methods.includes(method)) addItems(out.namedEnqueues, config, method, node, 'task', true);
  }
}

function addDefinition(node: TSESTree.CallExpression, definer: string, config: TaskDefinitionConfig, definitions: TaskDefinitionFact[], ctx: SyntaxContext): void {
  const options = node.arguments[0];
  if (options?.type !== 'ObjectExpression') return;
  const idNode = getObjectProperty(options, 'id');
  const id = getNameRef(idNode);
  if (!id || !idNode) return;
  const span = getSpan(idNode);
  const existing = definitions.find((fact) => fact.span.range[0] === span.range[0]);
  if (existing) {
    if (!existing.adapters.includes(config.name)) existing.adapters.push(config.name);
    return;
  }
  const fact: TaskDefinitionFact = { adapters: [config.name], definer, id, span };
  const run = getRunFunction(options);
  if (run) {
    fact.handler = getFunctionFact('run', getSpan(run), run, ctx);
    const first = run.params[0];
    const payload = first ? getPayloadSource(first, ctx) : undefined;
    if (payload) fact.payload = payload;
  }
  const schema = getObjectProperty(options, 'schema');
  // A schema written any way but inline is resolved later: by reference, or made from another (`Base.extend({...})`); null when it cannot be read.
  const value = schema ? (getValueFact(schema, 'schema', ctx, 0) ?? null) : undefined;
  if (value?.kind === 'schema') fact.payload = { inline: value.fields };
  else if (value !== undefined) fact.schema = value;
  definitions.push(fact);
}

/** `run: async (payload) => {}` or `async run(payload) {}`. */
function getRunFunction(options: TSESTree.ObjectExpression): TSESTree.FunctionLike | undefined {
  const value = getObjectProperty(options, 'run');
  return isFunctionNode(value) ? value : undefined;
}

/** One payload, or a batch of `{ payload }` items: a site per item. */
function addPayloads(
  enqueues: NamedEnqueueFact[],
  config: TaskDefinitionConfig,
  method: string,
  names: NamedEnqueueFact['names'],
  arg: TSESTree.CallExpressionArgument | undefined,
  shape: 'single' | 'batch',
  node: TSESTree.CallExpression,
  byBinding: boolean,
): void {
  if (shape === 'single') {
    const fact: NamedEnqueueFact = { adapters: [config.name], method, names, args: getSingleArgument(arg), span: getSpan(node) };
    add(enqueues, withDelay(fact, getOptionsDelay(getArgumentAfter(node, arg))), byBinding);
    return;
  }
  const items = getListItems(arg);
  if (!items) {
    add(enqueues, { adapters: [config.name], method, names, args: { count: 0, hasSpread: true }, span: getSpan(node) }, byBinding);
    return;
  }
  for (const item of items) {
    if (item?.type !== 'ObjectExpression') continue;
    const fact: NamedEnqueueFact = { adapters: [config.name], method, names, args: getSingleArgument(getObjectProperty(item, 'payload')), span: getSpan(item) };
    add(enqueues, withDelay(fact, getOptionsDelay(getObjectProperty(item, 'options'))), byBinding);
  }
}

/** `batch.trigger([{ id: 'hello', payload }])`, `batch.triggerByTask([{ task: hello, payload }])`. */
function addItems(enqueues: NamedEnqueueFact[], config: TaskDefinitionConfig, method: string, node: TSESTree.CallExpression, key: 'id' | 'task', byBinding: boolean): void {
  for (const item of getListItems(node.arguments[0]) ?? []) {
    if (item?.type !== 'ObjectExpression') continue;
    const value = getObjectProperty(item, key);
    const path = byBinding && value ? getReferencePath(value) : undefined;
    const name = byBinding ? (path && path.length === 1 ? { path } : undefined) : getNameRef(value);
    if (!name) continue;
    const fact: NamedEnqueueFact = { adapters: [config.name], method, names: [name], args: getSingleArgument(getObjectProperty(item, 'payload')), span: getSpan(item) };
    add(enqueues, withDelay(fact, getOptionsDelay(getObjectProperty(item, 'options'))), byBinding);
  }
}

function add(enqueues: NamedEnqueueFact[], fact: NamedEnqueueFact, byBinding: boolean): void {
  if (byBinding) fact.byBinding = true;
  const existing = enqueues.find((other) => other.span.range[0] === fact.span.range[0] && other.span.range[1] === fact.span.range[1] && other.byBinding === fact.byBinding);
  if (existing) {
    for (const adapter of fact.adapters) if (!existing.adapters.includes(adapter)) existing.adapters.push(adapter);
    return;
  }
  enqueues.push(fact);
}
