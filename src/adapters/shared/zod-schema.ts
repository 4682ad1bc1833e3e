/**
 * Payload fields from a zod object schema, as Trigger.dev's `schemaTask` declares them:
 * `z.object({ id: z.string(), note: z.string().optional(), retries: z.number().default(3) })`.
 * `.optional()` and `.nullish()` make a field optional, `.default()` and `.catch()` give it a
 * default; the type is read for the plain zod types and left out otherwise.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { TypeShape } from '../../model/type-shape.js';
import { splitTopLevel } from '../../util/split-top-level.js';
import type { Member } from '../../model/facts.js';
import { getSpan, getStaticKey, getStaticString, type Node } from './syntax.js';

const BASE_TYPES: Record<string, string> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  date: 'Date',
  bigint: 'bigint',
  unknown: 'unknown',
  any: 'any',
  null: 'null',
  email: 'string',
  uuid: 'string',
  url: 'string',
  int: 'number',
};

/** Method chains longer than this are not read. */
const MAX_CHAIN = 16;

/** The fields of `z.object({...})` (also `z.strictObject`, `z.looseObject`), or undefined when the node is no such call. */
export function getZodObjectFields(node: Node | undefined): Member[] | undefined {
  if (node?.type !== 'CallExpression') return undefined;
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  if (!['object', 'strictObject', 'looseObject'].includes(callee.property.name) || callee.object.type !== 'Identifier') return undefined;
  return getZodShapeFields(node.arguments[0]);
}

/** The fields of a zod shape written as an object literal: `{ id: z.string(), note: z.string().optional() }`. */
export function getZodShapeFields(shape: Node | undefined): Member[] | undefined {
  if (shape?.type !== 'ObjectExpression') return undefined;
  const fields: Member[] = [];
  for (const property of shape.properties) {
    if (property.type !== 'Property' || property.computed) continue;
    const name = getStaticKey(property);
    if (name === undefined) continue;
    fields.push(getZodField(name, property));
  }
  return fields;
}

function getZodField(name: string, property: TSESTree.Property): Member {
  const value = property.value as TSESTree.Expression;
  const { optionality, type, shape } = readChain(value, 0);
  const field: Member = { name, optionality, span: getSpan(property) };
  if (type !== undefined) {
    field.type = type;
    field.shape = shape;
  }
  if (optionality === 'required') field.makeOptional = { range: [value.range[1], value.range[1]], text: '.optional()' };
  return field;
}

interface ZodType {
  optionality: Member['optionality'];
  /** The type as TypeScript would write it, when the chain's base is read. */
  type?: string;
  shape: TypeShape;
}

const OPAQUE: TypeShape = { k: 'opaque' };

/** Nested object schemas deeper than this are not read. */
const MAX_NESTING = 6;

/**
 * Methods of a schema that keep the type it infers (apart from optionality and null): read
 * through on a schema held by a value (`Team.optional()`, `Team.describe('...')`).
 */
const KEEPS_TYPE = new Set(['optional', 'nullable', 'nullish', 'default', 'catch', 'prefault', 'describe', 'readonly', 'refine', 'superRefine', 'meta']);

/** Names a module usually imports zod under: `z.optional(...)` is a zod function, not a schema's method. */
const ZOD_NAMESPACES = new Set(['z', 'zod']);

/** Walks `z.string().min(1).optional()` from the outside in: modifiers first, the base type last. */
function readChain(value: TSESTree.Expression, nesting: number): ZodType {
  let optionality: Member['optionality'] = 'required';
  let nullable = false;
  let current: TSESTree.Expression = value;
  const withNull = (base: { type: string; shape: TypeShape }): ZodType =>
    nullable ? { optionality, type: `${base.type}|null`, shape: { k: 'union', of: [base.shape, { k: 'prim', name: 'null' }] } } : { optionality, ...base };
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    // `team: Team`, `team: schemas.Team.optional()`: the schema another value holds, resolved with the project.
    const reference = getSchemaReference(current);
    if (reference) return withNull(reference);
    if (current.type !== 'CallExpression' || current.callee.type !== 'MemberExpression' || current.callee.computed || current.callee.property.type !== 'Identifier') {
      return { optionality, shape: OPAQUE };
    }
    const method = current.callee.property.name;
    const object = current.callee.object;
    if (method === 'optional' || method === 'nullish') optionality = optionality === 'default' ? 'default' : 'optional';
    if (method === 'default' || method === 'catch' || method === 'prefault') optionality = 'default';
    if (method === 'nullable' || method === 'nullish') nullable = true;
    if (object.type === 'Identifier' && (ZOD_NAMESPACES.has(object.name) || !KEEPS_TYPE.has(method))) {
      const base = getBaseType(method, current, nesting);
      return base ? withNull(base) : { optionality, shape: OPAQUE };
    }
    if (!KEEPS_TYPE.has(method) && !isZodCall(object)) return { optionality, shape: OPAQUE };
    current = object;
  }
  return { optionality, shape: OPAQUE };
}

/** `Team` or `schemas.Team` (not the zod namespace itself): a schema held by a value. */
function getSchemaReference(node: TSESTree.Expression): { type: string; shape: TypeShape } | undefined {
  const path: string[] = [];
  let current: TSESTree.Expression = node;
  while (current.type === 'MemberExpression' && !current.computed && current.property.type === 'Identifier') {
    path.unshift(current.property.name);
    current = current.object;
  }
  if (current.type !== 'Identifier' || ZOD_NAMESPACES.has(current.name)) return undefined;
  path.unshift(current.name);
  return { type: `z.infer<typeof ${path.join('.')}>`, shape: { k: 'schema', path } };
}

/** Whether a chain goes on to a zod call (`z.string().min(1)`), rather than to a schema's own method. */
function isZodCall(node: TSESTree.Expression): boolean {
  return node.type === 'CallExpression';
}

function getBaseType(method: string, call: TSESTree.CallExpression, nesting: number): { type: string; shape: TypeShape } | undefined {
  const text = getBaseText(method, call);
  if (text !== undefined) return { type: text, shape: getZodTypeShape(text) };
  if (method === 'array') {
    const inner = call.arguments[0];
    const element = inner && inner.type !== 'SpreadElement' ? readChain(inner, nesting) : undefined;
    if (element?.type === undefined) return undefined;
    return { type: /[|&]/.test(element.type) ? `(${element.type})[]` : `${element.type}[]`, shape: { k: 'array', of: element.shape } };
  }
  if (['object', 'strictObject', 'looseObject'].includes(method) && nesting < MAX_NESTING) return getNestedObject(call, nesting + 1);
  if ((method === 'union' || method === 'discriminatedUnion') && nesting < MAX_NESTING) return getUnion(call.arguments[method === 'union' ? 0 : 1], nesting + 1);
  // `z.nativeEnum(Format)`, `z.enum(Format)`: the enum's values, by its name (resolved with the project).
  const enumName = (method === 'nativeEnum' || method === 'enum') && call.arguments[0]?.type === 'Identifier' ? call.arguments[0].name : undefined;
  if (enumName) return { type: enumName, shape: { k: 'ref', name: enumName } };
  return undefined;
}

/** `z.union([z.string(), z.number()])`, `z.discriminatedUnion('kind', [A, B])`: the union of the members, each read. */
function getUnion(list: TSESTree.CallExpressionArgument | undefined, nesting: number): { type: string; shape: TypeShape } | undefined {
  if (list?.type !== 'ArrayExpression' || list.elements.length === 0) return undefined;
  const members = list.elements.map((element) => (element && element.type !== 'SpreadElement' ? readChain(element, nesting) : undefined));
  if (!members.every((member) => member?.type !== undefined)) return undefined;
  return { type: members.map((member) => member!.type!).join('|'), shape: { k: 'union', of: members.map((member) => member!.shape) } };
}

/**
 * `team: z.object({ name: z.string() }).nullish()`: a nested object's members, so that a field
 * added or removed inside it is seen. A member whose schema cannot be read is opaque, which
 * makes the object's comparison unknown rather than wrong.
 */
function getNestedObject(call: TSESTree.CallExpression, nesting: number): { type: string; shape: TypeShape } | undefined {
  const shape = call.arguments[0];
  if (shape?.type !== 'ObjectExpression') return undefined;
  const fields: Record<string, { type: TypeShape; optional: boolean }> = {};
  const texts: string[] = [];
  for (const property of shape.properties) {
    if (property.type !== 'Property' || property.computed) return undefined;
    const name = getStaticKey(property);
    if (name === undefined || name === '__proto__') return undefined;
    const member = readChain(property.value as TSESTree.Expression, nesting);
    const optional = member.optionality !== 'required';
    fields[name] = { type: member.shape, optional };
    texts.push(`${name}${optional ? '?' : ''}: ${member.type ?? 'unknown'}`);
  }
  return { type: `{ ${texts.join('; ')} }`, shape: { k: 'object', fields } };
}

function getBaseText(method: string, call: TSESTree.CallExpression): string | undefined {
  if (BASE_TYPES[method]) return BASE_TYPES[method];
  if (method === 'literal') {
    const arg = call.arguments[0];
    return arg?.type === 'Literal' ? (typeof arg.value === 'string' ? `'${arg.value}'` : String(arg.value)) : undefined;
  }
  if (method === 'enum') {
    const arg = call.arguments[0];
    if (arg?.type !== 'ArrayExpression') return undefined;
    const values = arg.elements.map((element) => (element ? getStaticString(element) : undefined));
    return values.every((value) => value !== undefined) ? values.map((value) => `'${value}'`).join('|') : undefined;
  }
  return undefined;
}

/**
 * The structure of a type text this module writes (`string`, `'a'|'b'`, `number[]`,
 * `(string|number)[]|null`, `Date`): a closed grammar, read without a parser.
 */
export function getZodTypeShape(type: string): TypeShape {
  const members = splitTopLevel(type, '|');
  if (members.length > 1) return { k: 'union', of: members.map(getZodTypeShape) };
  const text = members[0] ?? '';
  if (text.endsWith('[]')) {
    const element = text.slice(0, -2);
    return { k: 'array', of: getZodTypeShape(element.startsWith('(') && element.endsWith(')') ? element.slice(1, -1) : element) };
  }
  if (/^'.*'$/.test(text)) return { k: 'lit', value: text.slice(1, -1) };
  if (text === 'true' || text === 'false') return { k: 'lit', value: text === 'true' };
  if (/^-?\d+(\.\d+)?$/.test(text)) return { k: 'lit', value: Number(text) };
  if (text === 'any' || text === 'unknown') return { k: text };
  if (['string', 'number', 'boolean', 'bigint', 'null'].includes(text)) return { k: 'prim', name: text as 'string' };
  return text === 'Date' ? { k: 'ref', name: 'Date' } : { k: 'opaque' };
}
