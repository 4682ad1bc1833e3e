/**
 * One file's AST to FileFacts, in one traversal shared by every adapter: the common facts
 * (imports, exports, payload types, module-level values) and each adapter's own.
 */
import { simpleTraverse, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { FileFacts, ValueFact } from '../model/facts.js';
import { getAdapterSet } from './adapter-set.js';
import { addClassEnqueues, getClassFact } from './class-job.js';
import type { JobPattern } from './job-pattern.js';
import { addBindings, addNestProcessors, addQueueCalls, addWorkerProcessors, type QueueWorkerFacts } from './queue-worker.js';
import { addRegistryCalls, addRegistryMaps, type RegistryFacts } from './string-registry.js';
import {
  addExportAliases,
  addImportBindings,
  addRequireBindings,
  getTypeAliasFact,
  getTypeMembers,
  isExported,
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
            break;
          case 'PropertyDefinition':
          case 'TSParameterProperty':
          case 'AssignmentExpression':
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
            break;
          case 'ExportDefaultDeclaration':
            if (node.declaration.type === 'Identifier') facts.exportAliases.default = node.declaration.name;
            break;
          case 'TSInterfaceDeclaration':
            facts.types.push({ name: node.id.name, fields: getTypeMembers(node.body.body, ctx), isExported: isExported(parent) });
            break;
          case 'TSTypeAliasDeclaration':
            if (node.typeAnnotation.type === 'TSTypeLiteral') facts.types.push(getTypeAliasFact(node, node.typeAnnotation, parent, ctx));
            break;
          case 'CallExpression':
            addClassEnqueues(node, set, facts.enqueues);
            if (set.registries.length > 0) addRegistryCalls(node, set, registry, ctx);
            if (hasQueueWorkers) addQueueCalls(node, set, queues, ctx);
            break;
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
  return facts;
}
