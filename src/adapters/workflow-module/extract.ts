/**
 * The `workflow-module` kind's share of the one traversal (Temporal): the functions a module
 * exports (a workflow module's workflows, an activity module's activities), the activity modules
 * a workflow proxies, calls of proxied activities, and workflow starts.
 */
import { getOptionsDelay, withDelay } from '../shared/delays.js';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { NamedEnqueueFact } from '../../model/facts.js';
import { getArrayArguments, getSpreadArguments } from '../shared/arguments.js';
import { getEntityPath, getNameRef, getObjectProperty, getReferencePath, getSpan, isFunctionNode } from '../shared/syntax.js';
import type { WorkflowModuleConfig } from './config.js';
import type { WorkflowFacts } from './facts.js';

/** What one file's traversal knows about proxied activities so far: local function names and proxy objects. */
export interface WorkflowState {
  /** `const { greet: hello } = proxyActivities<...>()`: local name to activity name, and the adapters. */
  activities: Map<string, { name: string; adapters: string[] }>;
  /** `const acts = proxyActivities<...>()`. */
  proxies: Map<string, string[]>;
}

/** `export async function example() {}`, `export const example = async () => {}`. */
export function addExportedFunctions(node: TSESTree.ExportNamedDeclaration, facts: WorkflowFacts): void {
  const declaration = node.declaration;
  const names: string[] = [];
  if (declaration?.type === 'FunctionDeclaration' && declaration.id) names.push(declaration.id.name);
  if (declaration?.type === 'VariableDeclaration') {
    for (const declarator of declaration.declarations) if (declarator.id.type === 'Identifier' && isFunctionNode(declarator.init)) names.push(declarator.id.name);
  }
  // `export { example }`: a module-level name exported as itself, which build time finds among the module's functions.
  if (!node.source) for (const specifier of node.specifiers) if (specifier.exported.type === 'Identifier' && specifier.local.name === specifier.exported.name) names.push(specifier.local.name);
  if (names.length > 0) (facts.exportedFunctions ??= []).push(...names);
}

/** `const { greet } = proxyActivities<typeof activities>({ ... })`. */
export function addActivityProxy(node: TSESTree.VariableDeclarator, configs: readonly WorkflowModuleConfig[], facts: WorkflowFacts, state: WorkflowState): void {
  const init = node.init;
  if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier') return;
  const callee = init.callee.name;
  // A local activity runs in its workflow's worker, on its version: neither a job nor an enqueue site.
  const adapters = configs.filter((config) => config.activityProxies.includes(callee) && !config.localActivityProxies.includes(callee)).map((config) => config.name);
  if (adapters.length === 0) return;
  const type = init.typeArguments?.params[0];
  const module = type?.type === 'TSTypeQuery' ? getEntityPath(type.exprName) : undefined;
  if (!module) return;
  (facts.activityProxies ??= []).push({ adapters, module });
  if (node.id.type === 'Identifier') state.proxies.set(node.id.name, adapters);
  if (node.id.type !== 'ObjectPattern') return;
  for (const property of node.id.properties) {
    if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') continue;
    const local = property.value.type === 'Identifier' ? property.value : property.value.type === 'AssignmentPattern' && property.value.left.type === 'Identifier' ? property.value.left : undefined;
    if (local) state.activities.set(local.name, { name: property.key.name, adapters });
  }
}

/** Calls of proxied activities, and workflow starts by function or by name. */
export function addWorkflowCalls(node: TSESTree.CallExpression, configs: readonly WorkflowModuleConfig[], state: WorkflowState, enqueues: NamedEnqueueFact[]): void {
  const callee = node.callee;
  if (callee.type === 'Identifier') {
    const activity = state.activities.get(callee.name);
    if (activity) enqueues.push({ adapters: activity.adapters, method: callee.name, names: [{ value: activity.name }], args: getSpreadArguments(node.arguments, 0), span: getSpan(node), typed: true });
    for (const config of configs) if (config.childFunctions.includes(callee.name)) addStart(node, callee.name, config, enqueues);
    return;
  }
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
  const method = callee.property.name;
  const object = getReferencePath(callee.object);
  if (!object) {
    for (const config of configs) if (config.client.methods.includes(method) && isNamedClient(callee.object, config)) addStart(node, method, config, enqueues, true);
    return;
  }
  const proxy = object.length === 1 ? state.proxies.get(object[0]!) : undefined;
  if (proxy) {
    enqueues.push({ adapters: proxy, method, names: [{ value: method }], args: getSpreadArguments(node.arguments, 0), span: getSpan(node), typed: true });
    return;
  }
  for (const config of configs) {
    if (!config.client.methods.includes(method)) continue;
    if (object[object.length - 1] === config.client.object) addStart(node, method, config, enqueues);
    else if (isNamedClient(callee.object, config)) addStart(node, method, config, enqueues, true);
  }
}

/**
 * `temporalClient`, `this.workflowClient`, `(await connectWorkflowClient())`: an object named
 * like a client of the framework. A call on it counts only with a workflow function as its
 * first argument (never a string: `db.client.execute('SELECT ...')` names no workflow).
 */
function isNamedClient(receiver: TSESTree.Expression, config: WorkflowModuleConfig): boolean {
  const names = config.client.clientNames;
  if (!names) return false;
  let target = receiver;
  if (target.type === 'AwaitExpression') target = target.argument;
  if (target.type === 'CallExpression') target = target.callee as TSESTree.Expression;
  const path = getReferencePath(target);
  const last = path?.[path.length - 1]?.toLowerCase();
  return last !== undefined && names.some((name) => last.includes(name.toLowerCase()));
}

/** `client.workflow.start(example, { args: [...] })`, `executeChild('example', { args })`. */
function addStart(node: TSESTree.CallExpression, method: string, config: WorkflowModuleConfig, enqueues: NamedEnqueueFact[], byReceiverName = false): void {
  const [workflow, options] = node.arguments;
  if (!workflow || workflow.type === 'SpreadElement') return;
  const path = workflow.type === 'Identifier' ? [workflow.name] : undefined;
  if (byReceiverName && !path) return;
  const name = path ? { path } : getNameRef(workflow);
  if (!name) return;
  const args = options?.type === 'ObjectExpression' ? getArrayArguments(getObjectProperty(options, config.argsKey)) : options ? { count: 0, hasSpread: true } : { count: 0, hasSpread: false };
  const fact: NamedEnqueueFact = { adapters: [config.name], method, names: [name], args, span: getSpan(node) };
  if (path) fact.byBinding = true;
  if (byReceiverName) fact.byReceiverName = true;
  enqueues.push(withDelay(fact, getOptionsDelay(options)));
}
