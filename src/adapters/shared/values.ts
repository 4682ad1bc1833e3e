/**
 * Module-level values that names and handlers resolve through: `const SEND = 'send'`, string
 * enums, `as const` objects, object maps of jobs and functions. Only module-level bindings
 * count: anything computed at run time stays dynamic.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { NameRef, SourceSpan, ValueFact } from '../../model/facts.js';
import { getDerivedSchema } from './derived-schema.js';
import { getZodObjectFields } from './zod-schema.js';
import { getFunctionFact, getMethodOfThis } from './functions.js';
import { getNameRef, getReferencePath, getSpan, getStaticKey, getStaticString, isFunctionNode, isNamedMember, type Node, type SyntaxContext } from './syntax.js';
import { getTypeSource } from './types.js';
import { setOwn } from '../../model/records.js';

/** Object literals nested deeper than this are not read. */
const MAX_DEPTH = 4;

export function isModuleLevel(node: Node): boolean {
  const parent = node.parent;
  return parent?.type === 'Program' || (parent?.type === 'ExportNamedDeclaration' && parent.parent?.type === 'Program');
}

/** Adds what a module-level declaration binds, if it binds a value adapters can read. */
export function addModuleValues(node: Node, values: Record<string, ValueFact>, ctx: SyntaxContext): void {
  switch (node.type) {
    case 'VariableDeclaration':
      if (node.kind !== 'const' || !isModuleLevel(node)) return;
      for (const declarator of node.declarations) {
        if (declarator.id.type !== 'Identifier' || !declarator.init) continue;
        const value = getValueFact(declarator.init, declarator.id.name, ctx, 0);
        if (value) setOwn(values, declarator.id.name, value);
      }
      return;
    case 'FunctionDeclaration':
      if (node.id && isModuleLevel(node)) {
        setOwn(values, node.id.name, { kind: 'function', fn: getFunctionFact(node.id.name, getSpan(node.id), node, ctx) });
      }
      return;
    case 'TSEnumDeclaration':
      if (isModuleLevel(node) && !node.declare) setOwn(values, node.id.name, getEnumFact(node));
      return;
  }
}

function getEnumFact(node: TSESTree.TSEnumDeclaration): ValueFact {
  const props: Record<string, ValueFact> = {};
  let partial: true | undefined;
  for (const member of node.body.members) {
    const key = member.id.type === 'Identifier' ? member.id.name : getStaticString(member.id);
    const value = member.initializer ? getStaticString(member.initializer) : undefined;
    if (key !== undefined && value !== undefined) setOwn(props, key, { kind: 'string', value });
    else partial = true;
  }
  return partial ? { kind: 'object', frozen: true, props, partial } : { kind: 'object', frozen: true, props };
}

export function getValueFact(node: Node, name: string, ctx: SyntaxContext, depth: number, frozen = false): ValueFact | undefined {
  const text = getStaticString(node);
  if (text !== undefined) return { kind: 'string', value: text };
  if (isFunctionNode(node)) return { kind: 'function', fn: getFunctionFact(name, getSpan(node), node, ctx) };
  const method = getMethodOfThis(node, ctx);
  if (method) return { kind: 'function', fn: getFunctionFact(name, getSpan(method), method, ctx) };
  if (node.type === 'TSAsExpression' && isConstAssertion(node)) return getObjectFact(node.expression, ctx, depth, true);
  if (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'TSNonNullExpression') {
    return getValueFact(node.expression, name, ctx, depth, frozen);
  }
  if (node.type === 'ObjectExpression') return getObjectFact(node, ctx, depth, frozen);
  if (node.type === 'CallExpression' && isNamedMember(node.callee, 'Object', 'freeze')) return getObjectFact(node.arguments[0], ctx, depth, true);
  const fields = getZodObjectFields(node);
  if (fields) return { kind: 'schema', fields };
  const derived = getDerivedSchema(node);
  if (derived) return derived;
  if (node.type === 'CallExpression') {
    const options = node.arguments[0];
    const id = options?.type === 'ObjectExpression' ? getIdProperty(options) : undefined;
    const callee = getReferencePath(node.callee);
    if (id && callee) return { kind: 'instance', callee: callee.join('.'), name: id };
    const event = callee && options && options.type !== 'SpreadElement' ? getStaticString(options) : undefined;
    if (event !== undefined && callee && callee[0] !== 'require') return getEventType(node, callee.join('.'), event, ctx);
  }
  if (node.type === 'NewExpression' && node.callee.type === 'Identifier') {
    const first = node.arguments[0];
    const instance: ValueFact = { kind: 'instance', callee: node.callee.name };
    const label = first && first.type !== 'SpreadElement' ? getNameRef(first) : undefined;
    if (label) instance.name = label;
    return instance;
  }
  const path = getReferencePath(node);
  return path ? { kind: 'ref', path } : undefined;
}

/** `eventType('app/user.created', { schema: z.object({...}) })`: a name, and where its data's fields come from. */
function getEventType(node: TSESTree.CallExpression, callee: string, name: string, ctx: SyntaxContext): ValueFact {
  const fact: ValueFact & { kind: 'instance' } = { kind: 'instance', callee, name: { value: name } };
  const options = node.arguments[1];
  const schema = options?.type === 'ObjectExpression' ? getObjectValue(options, 'schema') : undefined;
  if (!schema) return fact;
  const fields = getZodObjectFields(schema);
  if (fields) fact.payload = { inline: fields };
  else if (schema.type === 'CallExpression' && schema.typeArguments?.params[0]) {
    // `staticSchema<{ id: string }>()`: the type argument is the data.
    const source = getTypeSource(schema.typeArguments.params[0], ctx);
    if (source) fact.payload = source;
  } else {
    const path = getReferencePath(schema);
    if (path) fact.schemaPath = path;
  }
  return fact;
}

function getObjectValue(node: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
  for (const property of node.properties) {
    if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && property.key.name === key) return property.value;
  }
  return undefined;
}

/** `{ id: 'hello' }`, `{ name: 'q' }`: the name an options object gives what a call makes. */
function getIdProperty(node: TSESTree.ObjectExpression): NameRef | undefined {
  for (const property of node.properties) {
    if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && (property.key.name === 'id' || property.key.name === 'name')) {
      return getNameRef(property.value);
    }
  }
  return undefined;
}

function isConstAssertion(node: TSESTree.TSAsExpression): boolean {
  const type = node.typeAnnotation;
  return type.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && type.typeName.name === 'const';
}

export function getObjectFact(node: Node | undefined, ctx: SyntaxContext, depth: number, frozen: boolean): (ValueFact & { kind: 'object' }) | undefined {
  if (node?.type !== 'ObjectExpression' || depth >= MAX_DEPTH) return undefined;
  const props: Record<string, ValueFact> = {};
  const keySpans: Record<string, SourceSpan> = {};
  let partial = false;
  for (const property of node.properties) {
    const key = property.type === 'Property' && property.kind === 'init' ? getStaticKey(property) : undefined;
    const value = key === undefined ? undefined : getValueFact((property as TSESTree.Property).value, key, ctx, depth + 1, frozen);
    if (key === undefined || !value) {
      partial = true;
      continue;
    }
    setOwn(props, key, value);
    setOwn(keySpans, key, getSpan((property as TSESTree.Property).key));
  }
  const fact: ValueFact & { kind: 'object' } = { kind: 'object', frozen, props, keySpans };
  if (partial) fact.partial = true;
  return fact;
}
