/**
 * Jobs defined as object literals, as in-house layers write them: `{ id, trigger: { name, schema },
 * handler } satisfies JobDefinition`, `defineJob({ slug, handler })`, a factory typed `(): TaskConfig`
 * returning `{ slug, handler }`. The configuration says how to find such objects (by type, or by
 * the call they are passed to) and at which key paths the wire name, the schema and the handler are.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../shared/syntax.js';
import { getFunctionFact, getPayloadSource } from '../shared/functions.js';
import { getNameRef, getObjectPath, getReferencePath, getTypeReferenceName, withoutTypeAssertions, getSpan, isFunctionNode, type SyntaxContext } from '../shared/syntax.js';
import type { ObjectDefinitionShape, StringRegistryConfig } from './config.js';
import type { ObjectDefinitionFact } from './facts.js';
import type { PayloadSource } from '../../model/facts.js';
import { getTypeSource } from '../shared/types.js';
import { getValueFact } from '../shared/values.js';

/** The configurations' definition shapes that accept objects of a type name, or passed to a callee name. */
export interface DefinitionIndex {
  byType: Map<string, Array<{ adapter: string; shape: ObjectDefinitionShape }>>;
  byCall: Map<string, Array<{ adapter: string; shape: ObjectDefinitionShape }>>;
}

export function getDefinitionIndex(configs: readonly StringRegistryConfig[]): DefinitionIndex {
  const index: DefinitionIndex = { byType: new Map(), byCall: new Map() };
  for (const config of configs) {
    for (const shape of config.definitions ?? []) {
      for (const type of shape.types ?? []) push(index.byType, type, { adapter: config.name, shape });
      for (const call of shape.calls ?? []) push(index.byCall, call, { adapter: config.name, shape });
    }
  }
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** `{...} satisfies T`, `{...} as T`: the expression's object, when T is a definition type. */
export function addTypedExpression(node: TSESTree.TSSatisfiesExpression | TSESTree.TSAsExpression, index: DefinitionIndex, out: ObjectDefinitionFact[], ctx: SyntaxContext): void {
  addByType(node.typeAnnotation, node.expression, index, out, ctx);
}

/** `const job: T = {...}`, `const jobs: T[] = [{...}]`. */
export function addTypedDeclarator(node: TSESTree.VariableDeclarator, index: DefinitionIndex, out: ObjectDefinitionFact[], ctx: SyntaxContext): void {
  const annotation = node.id.type === 'Identifier' ? node.id.typeAnnotation?.typeAnnotation : undefined;
  if (annotation && node.init) addByType(annotation, node.init, index, out, ctx);
}

/** `function make(): T { return {...} }`, `(): T => ({...})`: the objects a factory typed T returns. */
export function addTypedFactory(node: TSESTree.FunctionLike, index: DefinitionIndex, out: ObjectDefinitionFact[], ctx: SyntaxContext): void {
  const annotation = node.returnType?.typeAnnotation;
  const shapes = annotation && getShapesOfType(unwrapPromise(annotation), index);
  if (!shapes || !node.body) return;
  if (node.body.type !== 'BlockStatement') {
    addObject(node.body, shapes, out, ctx);
    return;
  }
  // Only the function's own top-level returns: nested functions return other things.
  for (const statement of node.body.body) if (statement.type === 'ReturnStatement' && statement.argument) addObject(statement.argument, shapes, out, ctx);
}

/** `defineJob({...})`, `new JobClient([{...}, {...}])`: objects (or arrays of them) passed to a definition call. */
export function addDefinitionCall(node: TSESTree.CallExpression | TSESTree.NewExpression, callee: string, index: DefinitionIndex, out: ObjectDefinitionFact[], ctx: SyntaxContext): void {
  const shapes = index.byCall.get(callee);
  if (!shapes) return;
  const typeArgument = getTypeSource(node.typeArguments?.params[0], ctx);
  for (const arg of node.arguments) {
    if (arg.type === 'SpreadElement') continue;
    const inner = withoutTypeAssertions(arg);
    if (inner.type === 'ArrayExpression') for (const element of inner.elements) addObject(element, shapes, out, ctx);
    else addObject(inner, shapes, out, ctx, typeArgument);
  }
}

function addByType(annotation: TSESTree.TypeNode, value: TSESTree.Expression, index: DefinitionIndex, out: ObjectDefinitionFact[], ctx: SyntaxContext): void {
  const direct = getShapesOfType(annotation, index);
  if (direct) {
    addObject(value, direct, out, ctx);
    return;
  }
  const element = annotation.type === 'TSArrayType' ? annotation.elementType : getArrayTypeArgument(annotation);
  const shapes = element && getShapesOfType(element, index);
  const list = withoutTypeAssertions(value);
  if (shapes && list.type === 'ArrayExpression') for (const item of list.elements) addObject(item, shapes, out, ctx);
}

/** `Array<T>`, `ReadonlyArray<T>`: T. */
function getArrayTypeArgument(annotation: TSESTree.TypeNode): TSESTree.TypeNode | undefined {
  if (annotation.type !== 'TSTypeReference' || annotation.typeName.type !== 'Identifier') return undefined;
  return ['Array', 'ReadonlyArray'].includes(annotation.typeName.name) ? annotation.typeArguments?.params[0] : undefined;
}

function unwrapPromise(annotation: TSESTree.TypeNode): TSESTree.TypeNode {
  if (annotation.type === 'TSTypeReference' && annotation.typeName.type === 'Identifier' && annotation.typeName.name === 'Promise') {
    return annotation.typeArguments?.params[0] ?? annotation;
  }
  return annotation;
}

/** `JobDefinition<...>`, `jobs.JobDefinition`: the shapes declared for its last name. */
function getShapesOfType(annotation: TSESTree.TypeNode, index: DefinitionIndex): Array<{ adapter: string; shape: ObjectDefinitionShape }> | undefined {
  const name = getTypeReferenceName(annotation);
  return name === undefined ? undefined : index.byType.get(name);
}

function addObject(
  node: Node | null,
  shapes: ReadonlyArray<{ adapter: string; shape: ObjectDefinitionShape }>,
  out: ObjectDefinitionFact[],
  ctx: SyntaxContext,
  typeArgument?: PayloadSource,
): void {
  const object = node && withoutTypeAssertions(node);
  if (object?.type !== 'ObjectExpression') return;
  for (const { adapter, shape } of shapes) {
    const nameNode = getObjectPath(object, shape.name);
    const name = getNameRef(nameNode);
    if (!name || !nameNode) continue;
    const span = getSpan(nameNode);
    const existing = out.find((fact) => fact.span.range[0] === span.range[0]);
    if (existing) {
      if (!existing.adapters.includes(adapter)) existing.adapters.push(adapter);
      continue;
    }
    const fact = getDefinitionFact(object, adapter, shape, name, span, ctx);
    if (typeArgument) fact.typeArgument = typeArgument;
    out.push(fact);
  }
}

function getDefinitionFact(
  object: TSESTree.ObjectExpression,
  adapter: string,
  shape: ObjectDefinitionShape,
  name: NonNullable<ReturnType<typeof getNameRef>>,
  span: ObjectDefinitionFact['span'],
  ctx: SyntaxContext,
): ObjectDefinitionFact {
  const fact: ObjectDefinitionFact = { adapters: [adapter], name, span };
  const handler = shape.handler === undefined ? undefined : getObjectPath(object, shape.handler);
  if (isFunctionNode(handler)) {
    const key = shape.handler!;
    fact.handler = { fn: getFunctionFact(key.slice(key.lastIndexOf('.') + 1), getSpan(handler), handler, ctx) };
    // `handler: async (payload: Payload) => ...`: the parameter's type, where no schema says more.
    const first = handler.params[0];
    const payload = first && !shape.payloadKey ? getPayloadSource(first, ctx) : undefined;
    if (payload) fact.payload = payload;
  } else if (handler) {
    const path = getReferencePath(handler);
    if (path) fact.handler = { path };
  }
  const schema = shape.schema === undefined ? undefined : getObjectPath(object, shape.schema);
  // A schema written any way but inline is resolved later: by reference, or made from another (`Base.extend({...})`); null when it cannot be read.
  const value = schema ? (getValueFact(schema, 'schema', ctx, 0) ?? null) : undefined;
  if (value?.kind === 'schema') fact.payload = { inline: value.fields };
  else if (value !== undefined) fact.schema = value;
  return fact;
}
