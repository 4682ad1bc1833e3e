/**
 * One file's AST to FileFacts, in one traversal shared by every adapter: the common facts
 * (imports, exports, payload types, module-level values) and each adapter's own.
 */
import { simpleTraverse, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { FileFacts, PayloadSource, ValueFact } from '../model/facts.js';
import { getAdapterSet } from './adapter-set.js';
import { addClassEnqueues, getClassFact } from './class-job.js';
import type { JobPattern } from './job-pattern.js';
import { addEventCalls, type EventFacts } from './event-function.js';
import { addTaskCalls, type TaskFacts } from './task-definition.js';
import { addActivityProxy, addExportedFunctions, addWorkflowCalls, type WorkflowState } from './workflow-module.js';
import { addBindings, addNestProcessors, addQueueCalls, addWorkerProcessors, type QueueWorkerFacts } from './queue-worker.js';
import { addRegistryCalls, addRegistryMaps, addSqlEnqueues, type RegistryFacts } from './string-registry.js';
import {
  addExportAliases,
  addImportBindings,
  addRequireBindings,
  getTypeAliasFact,
  getFunctionFact,
  getReferencePath,
  getSpan,
  getTypeMembers,
  getTypeSource,
  isExported,
  isFunctionNode,
  isNamedMember,
  type SyntaxContext,
} from './syntax.js';
import { addModuleValues } from './values.js';

export function extractFacts(program: TSESTree.Program, text: string, pattern: JobPattern, isJavaScript: boolean): FileFacts {
  const set = getAdapterSet(pattern);
  const ctx: SyntaxContext = { text, isJavaScript };
  const facts: FileFacts = { classes: [], imports: {}, exportAliases: {}, types: [], enqueues: [] };
  const values: Record<string, ValueFact> = {};
  const registry: RegistryFacts = { registrations: [], registryMaps: [], namedEnqueues: [] };
  const queues: QueueWorkerFacts = { processors: [], namedEnqueues: registry.namedEnqueues, bindings: {} };
  const hasQueueWorkers = set.queueWorkers.length > 0;
  const hasBindings = set.receiverTypes.size > 0;
  const tasks: TaskFacts = { taskDefinitions: [], namedEnqueues: registry.namedEnqueues };
  const hasTasks = set.taskDefinitions.length > 0;
  const hasDirectories = set.registries.some((config) => config.directory !== undefined);
  const sqlFunctions = set.registries.flatMap((config) => config.sql ?? []);
  const events: EventFacts = { eventFunctions: [], namedEnqueues: registry.namedEnqueues };
  const hasEvents = set.eventFunctions.length > 0;
  const hasWorkflows = set.workflowModules.length > 0;
  const workflows: WorkflowState = { activities: new Map(), proxies: new Map() };
  const declarations = set.registries.flatMap((config) => (config.declaredPayloads ? [config.declaredPayloads] : []));
  simpleTraverse(
    program,
    {
      enter(node, parent) {
        switch (node.type) {
          case 'ClassDeclaration':
            if (node.id) facts.classes.push(getClassFact(node, parent, set, ctx));
            if (hasQueueWorkers) addNestProcessors(node, set, queues, ctx);
            break;
          case 'ImportDeclaration':
            addImportBindings(node, facts.imports);
            break;
          case 'VariableDeclarator':
            addRequireBindings(node, facts.imports);
            if (hasBindings) addBindings(node, set, queues.bindings);
            if (hasWorkflows) addActivityProxy(node, set, facts, workflows);
            break;
          case 'AssignmentExpression':
            if (hasDirectories && isNamedMember(node.left, 'module', 'exports')) facts.defaultExport = getExportedHandler(node.right, ctx) ?? facts.defaultExport;
            if (hasBindings) addBindings(node, set, queues.bindings);
            break;
          case 'PropertyDefinition':
          case 'TSParameterProperty':
          case 'FunctionExpression':
          case 'ArrowFunctionExpression':
            if (hasBindings) addBindings(node, set, queues.bindings);
            break;
          case 'VariableDeclaration':
          case 'FunctionDeclaration':
          case 'TSEnumDeclaration':
            addModuleValues(node, values, ctx);
            if (hasBindings && node.type === 'FunctionDeclaration') addBindings(node, set, queues.bindings);
            break;
          case 'ExportNamedDeclaration':
            addExportAliases(node, facts.exportAliases);
            if (hasWorkflows) addExportedFunctions(node, facts);
            break;
          case 'ExportDefaultDeclaration':
            if (node.declaration.type === 'Identifier') facts.exportAliases.default = node.declaration.name;
            if (hasDirectories && isFunctionNode(node.declaration)) facts.defaultExport = { fn: getFunctionFact('default', getSpan(node.declaration), node.declaration, ctx) };
            break;
          case 'TSInterfaceDeclaration':
            facts.types.push({ name: node.id.name, fields: getTypeMembers(node.body.body, ctx), isExported: isExported(parent) });
            if (declarations.length > 0) addDeclaredPayloads(node, declarations, facts, ctx);
            break;
          case 'Literal':
          case 'TemplateLiteral':
            if (sqlFunctions.length > 0 && isSqlCandidate(node, sqlFunctions)) addSqlEnqueues(node, set, registry.namedEnqueues);
            break;
          case 'TSTypeAliasDeclaration':
            if (node.typeAnnotation.type === 'TSTypeLiteral') facts.types.push(getTypeAliasFact(node, node.typeAnnotation, parent, ctx));
            break;
          case 'CallExpression': {
            addClassEnqueues(node, set, facts.enqueues);
            const name = getCallName(node);
            // Activities are called by whatever name the proxy gave them.
            if (hasWorkflows && (workflows.activities.size > 0 || workflows.proxies.size > 0 || (name !== undefined && set.callNames.has(name)))) {
              addWorkflowCalls(node, set, workflows, registry.namedEnqueues);
            }
            if (name === undefined || !set.callNames.has(name)) break;
            if (set.registries.length > 0) addRegistryCalls(node, set, registry, ctx);
            if (hasQueueWorkers) addQueueCalls(node, set, queues, ctx);
            if (hasTasks) addTaskCalls(node, set, tasks, ctx);
            if (hasEvents) addEventCalls(node, set, events, ctx);
            break;
          }
          case 'NewExpression':
            if (set.registries.length > 0) addRegistryMaps(node, set, registry.registryMaps, ctx);
            if (hasQueueWorkers) addWorkerProcessors(node, set, queues, ctx);
            break;
        }
      },
    },
    true,
  );
  if (Object.keys(values).length > 0) facts.values = values;
  if (registry.registrations.length > 0) facts.registrations = registry.registrations;
  if (registry.registryMaps.length > 0) facts.registryMaps = registry.registryMaps;
  if (registry.namedEnqueues.length > 0) facts.namedEnqueues = registry.namedEnqueues;
  if (queues.processors.length > 0) facts.processors = queues.processors;
  if (Object.keys(queues.bindings).length > 0) facts.bindings = queues.bindings;
  if (tasks.taskDefinitions.length > 0) facts.taskDefinitions = tasks.taskDefinitions;
  if (events.eventFunctions.length > 0) facts.eventFunctions = events.eventFunctions;
  return facts;
}

/** `add` in `queue.add(...)`, `addJob` in `addJob(...)`. */
function getCallName(node: TSESTree.CallExpression): string | undefined {
  const callee = node.callee;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return undefined;
}

function getExportedHandler(value: TSESTree.Expression, ctx: SyntaxContext): FileFacts['defaultExport'] {
  if (isFunctionNode(value)) return { fn: getFunctionFact('default', getSpan(value), value, ctx) };
  const path = getReferencePath(value);
  return path ? { path } : undefined;
}

function isSqlCandidate(node: TSESTree.Literal | TSESTree.TemplateLiteral, functions: string[]): boolean {
  if (node.type === 'Literal') return typeof node.value === 'string' && functions.some((fn) => (node.value as string).includes(fn));
  return node.quasis.some((quasi) => functions.some((fn) => quasi.value.raw.includes(fn)));
}

/** `declare global { namespace GraphileWorker { interface Tasks { send_email: { to: string } } } }`. */
function addDeclaredPayloads(node: TSESTree.TSInterfaceDeclaration, declarations: Array<{ namespace: string; interface: string }>, facts: FileFacts, ctx: SyntaxContext): void {
  const block = node.parent?.type === 'ExportNamedDeclaration' ? node.parent.parent : node.parent;
  const module = block?.type === 'TSModuleBlock' ? block.parent : undefined;
  if (module?.type !== 'TSModuleDeclaration' || module.id.type !== 'Identifier') return;
  const namespace = module.id.name;
  if (!declarations.some((declaration) => declaration.namespace === namespace && declaration.interface === node.id.name)) return;
  const payloads: Record<string, PayloadSource> = {};
  for (const member of node.body.body) {
    if (member.type !== 'TSPropertySignature' || member.computed) continue;
    const name = member.key.type === 'Identifier' ? member.key.name : member.key.type === 'Literal' ? String(member.key.value) : undefined;
    const source = name === undefined ? undefined : getTypeSource(member.typeAnnotation?.typeAnnotation, ctx);
    if (name !== undefined && source) payloads[name] = source;
  }
  (facts.declaredPayloads ??= {})[`${namespace}.${node.id.name}`] = { ...facts.declaredPayloads?.[`${namespace}.${node.id.name}`], ...payloads };
}
