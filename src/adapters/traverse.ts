/**
 * One file's AST to FileFacts, in one traversal shared by every kind: the shared readers take
 * the common facts (imports, exports, classes, payload types, module-level values, receiver
 * bindings), and each kind with adapters adds its visitor, merged by node type as
 * eslint-plugin-regexp merges its rules' handlers.
 */
import { simpleTraverse, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { BindingFact, FileFacts, NamedEnqueueFact, ValueFact } from '../model/facts.js';
import { type AdapterSet, getAdapterSet } from './adapter-set.js';
import type { JobPattern } from './job-pattern.js';
import type { KindExtraction, Visitor } from './kind.js';
import { addBindings } from './shared/bindings.js';
import { getClassFact } from './shared/classes.js';
import { addExportAliases, addImportBindings, addRequireBindings, isExported, type SyntaxContext } from './shared/syntax.js';
import { getTypeAliasFact, getTypeMembers } from './shared/types.js';
import { addModuleValues } from './shared/values.js';

type Handler = (node: TSESTree.Node, parent: TSESTree.Node | undefined) => void;

export function extractFacts(program: TSESTree.Program, text: string, pattern: JobPattern, isJavaScript: boolean): FileFacts {
  const set = getAdapterSet(pattern);
  const syntax: SyntaxContext = { text, isJavaScript };
  const facts: FileFacts & { namedEnqueues: NamedEnqueueFact[] } = { classes: [], imports: {}, exportAliases: {}, types: [], enqueues: [], namedEnqueues: [] };
  const values: Record<string, ValueFact> = {};
  const bindings: Record<string, BindingFact> = {};
  const extractions = set.kinds.map(({ kind, configs }) => ({ type: kind.type, extraction: kind.extract(configs, { facts, syntax }) }));
  const handlers = mergeVisitors([getSharedVisitor(set, facts, values, bindings, syntax), ...extractions.map(({ extraction }) => extraction.visitor)]);
  simpleTraverse(
    program,
    {
      enter(node, parent) {
        const list = handlers.get(node.type);
        if (list) for (const handler of list) handler(node, parent);
      },
    },
    true,
  );
  if (Object.keys(values).length > 0) facts.values = values;
  if (Object.keys(bindings).length > 0) facts.bindings = bindings;
  const result: FileFacts = facts;
  if (facts.namedEnqueues.length === 0) delete result.namedEnqueues;
  for (const { type, extraction } of extractions) addKindFacts(result, type, extraction);
  return result;
}

function addKindFacts(facts: FileFacts, type: string, extraction: KindExtraction): void {
  const own = extraction.finish?.();
  if (own !== undefined) (facts.kinds ??= {})[type] = own;
}

function mergeVisitors(visitors: Visitor[]): Map<string, Handler[]> {
  const merged = new Map<string, Handler[]>();
  for (const visitor of visitors) {
    for (const [type, handler] of Object.entries(visitor)) {
      const list = merged.get(type) ?? [];
      list.push(handler as Handler);
      merged.set(type, list);
    }
  }
  return merged;
}

/** The common facts every kind resolves through. */
function getSharedVisitor(set: AdapterSet, facts: FileFacts, values: Record<string, ValueFact>, bindings: Record<string, BindingFact>, syntax: SyntaxContext): Visitor {
  const hasBindings = set.receiverReading.types.size > 0;
  const bind = hasBindings ? (node: TSESTree.Node) => addBindings(node, set.receiverReading, bindings) : undefined;
  const visitor: Visitor = {
    ClassDeclaration(node, parent) {
      if (node.id) facts.classes.push(getClassFact(node, parent, set.classReading, syntax));
    },
    ImportDeclaration: (node) => addImportBindings(node, facts.imports),
    VariableDeclarator(node) {
      addRequireBindings(node, facts.imports);
      bind?.(node);
    },
    VariableDeclaration: (node) => addModuleValues(node, values, syntax),
    FunctionDeclaration(node) {
      addModuleValues(node, values, syntax);
      bind?.(node);
    },
    TSEnumDeclaration: (node) => addModuleValues(node, values, syntax),
    ExportNamedDeclaration: (node) => addExportAliases(node, facts.exportAliases),
    ExportDefaultDeclaration(node) {
      if (node.declaration.type === 'Identifier') facts.exportAliases.default = node.declaration.name;
    },
    TSInterfaceDeclaration(node, parent) {
      facts.types.push({ name: node.id.name, fields: getTypeMembers(node.body.body, syntax), isExported: isExported(parent) });
    },
    TSTypeAliasDeclaration(node, parent) {
      if (node.typeAnnotation.type === 'TSTypeLiteral') facts.types.push(getTypeAliasFact(node, node.typeAnnotation, parent, syntax));
    },
  };
  if (bind) {
    visitor.AssignmentExpression = bind;
    visitor.PropertyDefinition = bind;
    visitor.TSParameterProperty = bind;
    visitor.FunctionExpression = bind;
    visitor.ArrowFunctionExpression = bind;
  }
  return visitor;
}
