/**
 * One file's AST to FileFacts, in one traversal shared by every kind: the shared readers take
 * the common facts (imports, exports, classes, payload types, module-level values, receiver
 * bindings), and each kind with adapters adds its visitor, dispatched by node type as
 * eslint-plugin-regexp merges its rules' handlers.
 */
import { simpleTraverse, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { BindingFact, FileFacts, NamedEnqueueFact, ValueFact } from '../model/facts.js';
import { type AdapterSet, getAdapterSet } from './adapter-set.js';
import type { JobPattern } from './job-pattern.js';
import type { KindExtraction } from './kind.js';
import { addBindings, addConstruction } from './shared/bindings.js';
import { getCallName } from './shared/calls.js';
import { getClassFact } from './shared/classes.js';
import { addExportAliases, addImportBindings, addReExports, addRequireBindings, type SyntaxContext } from './shared/syntax.js';
import { getEnumTypeFact, getInterfaceFact, getTypeAliasFact } from './shared/types.js';
import { addModuleValues } from './shared/values.js';

type Handler = (node: TSESTree.Node, parent: TSESTree.Node | undefined) => void;

/** The node types the shared readers read. */
const SHARED_TYPES = [
  'ClassDeclaration',
  'ClassBody',
  'NewExpression',
  'ImportDeclaration',
  'VariableDeclarator',
  'AssignmentExpression',
  'PropertyDefinition',
  'TSParameterProperty',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'VariableDeclaration',
  'TSEnumDeclaration',
  'FunctionDeclaration',
  'ExportNamedDeclaration',
  'ExportAllDeclaration',
  'ExportDefaultDeclaration',
  'TSInterfaceDeclaration',
  'TSTypeAliasDeclaration',
];

/**
 * Who reads each node type and each call name, planned once per adapter set from the first
 * file's extractions: a file's traversal then makes one property load per node (most nodes,
 * identifiers and the like, are read by nobody) and allocates no dispatch table of its own.
 */
const plans = new WeakMap<AdapterSet, Plan>();

interface Plan {
  /** Node type to whether the shared readers read it, and the indexes of the kinds whose visitor does. */
  byType: Partial<Record<string, { shared: boolean; kinds: number[] }>>;
  /** Call name to the indexes of the kinds that read calls of that name. */
  byName: Partial<Record<string, number[]>>;
}

export function extractFacts(program: TSESTree.Program, text: string, pattern: JobPattern, isJavaScript: boolean): FileFacts {
  const set = getAdapterSet(pattern);
  const syntax: SyntaxContext = { text, isJavaScript };
  const facts: FileFacts = { classes: [], imports: {}, exportAliases: {}, types: [], enqueues: [] };
  const namedEnqueues: NamedEnqueueFact[] = [];
  const values: Record<string, ValueFact> = {};
  const bindings: Record<string, BindingFact> | undefined = set.receiverReading.types.size > 0 || set.receiverReading.typedMembers ? {} : undefined;
  const shared: SharedState = { set, facts, values, bindings, syntax };
  const extractions = set.kinds.map(({ kind, configs }) => kind.extract(configs, { facts, namedEnqueues, syntax }));
  const visitors = extractions.map((extraction) => extraction.visitor ?? {}) as Array<Record<string, Handler>>;
  let plan = plans.get(set);
  if (!plan) {
    plan = getPlan(extractions);
    plans.set(set, plan);
  }
  const { byType, byName } = plan;
  simpleTraverse(
    program,
    {
      enter(node, parent) {
        const readers = byType[node.type];
        if (readers === undefined) return;
        if (readers.shared) readShared(node, parent, shared);
        for (const index of readers.kinds) visitors[index]![node.type]!(node, parent);
        if (node.type !== 'CallExpression') return;
        const name = getCallName(node);
        const callers = name === undefined ? undefined : byName[name];
        if (callers) for (const index of callers) extractions[index]!.calls!.read(node);
      },
    },
    true,
  );
  if (Object.keys(values).length > 0) facts.values = values;
  if (namedEnqueues.length > 0) facts.namedEnqueues = namedEnqueues;
  if (bindings && Object.keys(bindings).length > 0) facts.bindings = bindings;
  set.kinds.forEach(({ kind }, index) => addKindFacts(facts, kind.type, extractions[index]!));
  return facts;
}

function addKindFacts(facts: FileFacts, type: string, extraction: KindExtraction): void {
  const own = extraction.finish?.();
  if (own !== undefined) (facts.kinds ??= {})[type] = own;
}

/** Prototype-less objects rather than Maps: a property load per node is the cheapest lookup V8 has here. */
function getPlan(extractions: KindExtraction[]): Plan {
  const plan: Plan = { byType: Object.create(null), byName: Object.create(null) };
  const readersOf = (type: string) => (plan.byType[type] ??= { shared: false, kinds: [] });
  for (const type of SHARED_TYPES) readersOf(type).shared = true;
  // Every call is looked up by name.
  readersOf('CallExpression');
  extractions.forEach((extraction, index) => {
    for (const type of Object.keys(extraction.visitor ?? {})) readersOf(type).kinds.push(index);
    for (const name of extraction.calls?.names ?? []) (plan.byName[name] ??= []).push(index);
  });
  return plan;
}

/** What the shared readers write while one file is traversed. */
interface SharedState {
  set: AdapterSet;
  facts: FileFacts;
  values: Record<string, ValueFact>;
  bindings: Record<string, BindingFact> | undefined;
  syntax: SyntaxContext;
}

/**
 * The common facts every kind resolves through. A switch rather than a visitor: it runs on
 * every node, and one monomorphic function keeps the traversal as fast as before kinds existed.
 */
function readShared(node: TSESTree.Node, parent: TSESTree.Node | undefined, state: SharedState): void {
  const { facts, syntax, bindings } = state;
  switch (node.type) {
    case 'ClassDeclaration':
      if (node.id) facts.classes.push(getClassFact(node, parent, state.set.classReading, syntax));
      break;
    case 'ClassBody':
      (syntax.classBodies ??= []).push(node);
      break;
    case 'NewExpression':
      if (state.set.receiverReading.types.size > 0) addConstruction(node, state.set.receiverReading, facts);
      break;
    case 'ImportDeclaration':
      addImportBindings(node, facts.imports);
      break;
    case 'VariableDeclarator':
      addRequireBindings(node, facts.imports);
      if (bindings) addBindings(node, state.set.receiverReading, bindings);
      break;
    case 'AssignmentExpression':
    case 'PropertyDefinition':
    case 'TSParameterProperty':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      if (bindings) addBindings(node, state.set.receiverReading, bindings);
      break;
    case 'VariableDeclaration':
      addModuleValues(node, state.values, syntax);
      break;
    case 'TSEnumDeclaration':
      addModuleValues(node, state.values, syntax);
      if (!node.declare) facts.types.push(getEnumTypeFact(node, parent));
      break;
    case 'FunctionDeclaration':
      addModuleValues(node, state.values, syntax);
      if (bindings) addBindings(node, state.set.receiverReading, bindings);
      break;
    case 'ExportNamedDeclaration':
      if (!node.source && node.specifiers.length > 0) addExportAliases(node, facts.exportAliases, (facts.exportedNames ??= []));
      if (node.source) addReExports(node, (facts.reExports ??= []));
      break;
    case 'ExportAllDeclaration':
      addReExports(node, (facts.reExports ??= []));
      break;
    case 'ExportDefaultDeclaration':
      if (node.declaration.type === 'Identifier') facts.exportAliases.default = node.declaration.name;
      break;
    case 'TSInterfaceDeclaration':
      facts.types.push(getInterfaceFact(node, parent, syntax));
      break;
    case 'TSTypeAliasDeclaration': {
      const alias = getTypeAliasFact(node, parent, syntax);
      if (alias) facts.types.push(alias);
      break;
    }
  }
}
