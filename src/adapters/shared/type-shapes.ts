/**
 * A type annotation's AST as a TypeShape (model/type-shape.ts): keywords, literals, unions,
 * arrays, tuples, object literals, `Record`, the utility types that reshape an inline object
 * (`Partial`, `Required`, `Readonly`, `Pick`, `Omit`, `NonNullable`), intersections of object
 * literals; other references by name. Anything else is opaque: unknown, never a finding.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Primitive, TypeShape } from '../../model/type-shape.js';
import { getEntityPath } from './syntax.js';

const OPAQUE: TypeShape = { k: 'opaque' };
const MAX_DEPTH = 10;

const KEYWORDS: Partial<Record<TSESTree.TypeNode['type'], TypeShape>> = {
  TSAnyKeyword: { k: 'any' },
  TSUnknownKeyword: { k: 'unknown' },
  TSStringKeyword: prim('string'),
  TSNumberKeyword: prim('number'),
  TSBooleanKeyword: prim('boolean'),
  TSNullKeyword: prim('null'),
  TSBigIntKeyword: prim('bigint'),
  TSSymbolKeyword: prim('symbol'),
  TSObjectKeyword: prim('object'),
  TSNeverKeyword: prim('never'),
};

function prim(name: Primitive): TypeShape {
  return { k: 'prim', name };
}

export function getTypeShape(node: TSESTree.TypeNode, depth = 0): TypeShape {
  if (depth > MAX_DEPTH) return OPAQUE;
  const keyword = KEYWORDS[node.type];
  if (keyword) return keyword;
  switch (node.type) {
    case 'TSUndefinedKeyword':
    case 'TSVoidKeyword':
      // Optionality is compared apart: `undefined` adds no value a payload carries.
      return prim('never');
    case 'TSLiteralType':
      return getLiteralShape(node.literal);
    case 'TSTemplateLiteralType':
      return prim('string');
    case 'TSUnionType':
      return { k: 'union', of: node.types.map((member) => getTypeShape(member, depth + 1)) };
    case 'TSArrayType':
      return { k: 'array', of: getTypeShape(node.elementType, depth + 1) };
    case 'TSTupleType':
      return node.elementTypes.every((element) => element.type !== 'TSOptionalType' && element.type !== 'TSRestType' && element.type !== 'TSNamedTupleMember')
        ? { k: 'tuple', of: node.elementTypes.map((element) => getTypeShape(element, depth + 1)) }
        : OPAQUE;
    case 'TSTypeOperator':
      return node.operator === 'readonly' && node.typeAnnotation ? getTypeShape(node.typeAnnotation, depth + 1) : OPAQUE;
    case 'TSTypeLiteral':
      return getLiteralObjectShape(node.members, depth);
    case 'TSIntersectionType':
      return getIntersectionShape(node.types.map((member) => getTypeShape(member, depth + 1)));
    case 'TSTypeReference':
      return getReferenceShape(node, depth);
    default:
      return OPAQUE;
  }
}

function getLiteralShape(literal: TSESTree.TSLiteralType['literal']): TypeShape {
  if (literal.type === 'Literal' && (typeof literal.value === 'string' || typeof literal.value === 'number' || typeof literal.value === 'boolean')) {
    return { k: 'lit', value: literal.value };
  }
  if (literal.type === 'UnaryExpression' && literal.operator === '-' && literal.argument.type === 'Literal' && typeof literal.argument.value === 'number') {
    return { k: 'lit', value: -literal.argument.value };
  }
  return OPAQUE;
}

function getLiteralObjectShape(members: TSESTree.TypeElement[], depth: number): TypeShape {
  const fields: Extract<TypeShape, { k: 'object' }>['fields'] = {};
  let record: TypeShape | undefined;
  for (const member of members) {
    if (member.type === 'TSIndexSignature') {
      const value = member.typeAnnotation?.typeAnnotation;
      record = value ? getTypeShape(value, depth + 1) : OPAQUE;
      continue;
    }
    if (member.type !== 'TSPropertySignature' || member.computed) return OPAQUE;
    const name = member.key.type === 'Identifier' ? member.key.name : member.key.type === 'Literal' ? String(member.key.value) : undefined;
    if (name === undefined) return OPAQUE;
    const annotation = member.typeAnnotation?.typeAnnotation;
    const type = annotation ? getTypeShape(annotation, depth + 1) : { k: 'any' as const };
    fields[name] = { type, optional: member.optional || (annotation !== undefined && admitsUndefined(annotation)) };
  }
  if (record) return Object.keys(fields).length === 0 ? { k: 'record', value: record } : OPAQUE;
  return { k: 'object', fields };
}

function admitsUndefined(node: TSESTree.TypeNode): boolean {
  if (node.type === 'TSUndefinedKeyword' || node.type === 'TSVoidKeyword') return true;
  return node.type === 'TSUnionType' && node.types.some(admitsUndefined);
}

/** `A & B` of object shapes is one object with the fields of both; any other intersection is unknown. */
function getIntersectionShape(members: TypeShape[]): TypeShape {
  const fields: Extract<TypeShape, { k: 'object' }>['fields'] = {};
  for (const member of members) {
    if (member.k !== 'object') return OPAQUE;
    for (const [name, field] of Object.entries(member.fields)) {
      // The same field on both sides: a value must satisfy both, which only a single declaration says simply.
      if (Object.hasOwn(fields, name)) return OPAQUE;
      fields[name] = field;
    }
  }
  return { k: 'object', fields };
}

function getReferenceShape(node: TSESTree.TSTypeReference, depth: number): TypeShape {
  const name = getEntityPath(node.typeName)?.join('.');
  if (name === undefined) return OPAQUE;
  const args = (node.typeArguments?.params ?? []).map((param) => getTypeShape(param, depth + 1));
  const [first, second] = args;
  switch (args.length === 0 ? '' : name) {
    case 'Array':
    case 'ReadonlyArray':
      return args.length === 1 ? { k: 'array', of: first! } : OPAQUE;
    case 'Record':
      return args.length === 2 && isKeyShape(first!) ? { k: 'record', value: second! } : OPAQUE;
    case 'Readonly':
      return first!;
    case 'NonNullable':
      return withoutNull(first!);
    case 'Partial':
    case 'Required':
      return first!.k === 'object' ? { k: 'object', fields: withOptionality(first!.fields, name === 'Partial') } : OPAQUE;
    case 'Pick':
    case 'Omit': {
      const keys = second ? getLiteralKeys(second) : undefined;
      if (first!.k !== 'object' || !keys) return OPAQUE;
      const kept = Object.entries(first!.fields).filter(([field]) => keys.has(field) === (name === 'Pick'));
      return { k: 'object', fields: Object.fromEntries(kept) };
    }
  }
  // A named type: compared by name and arguments, never evaluated here.
  return args.length > 0 ? { k: 'ref', name, args } : { k: 'ref', name };
}

function withOptionality(fields: Extract<TypeShape, { k: 'object' }>['fields'], optional: boolean): Extract<TypeShape, { k: 'object' }>['fields'] {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, { type: field.type, optional }]));
}

function isKeyShape(shape: TypeShape): boolean {
  return (shape.k === 'prim' && (shape.name === 'string' || shape.name === 'number')) || getLiteralKeys(shape) !== undefined;
}

function getLiteralKeys(shape: TypeShape): Set<string> | undefined {
  const members = shape.k === 'union' ? shape.of : [shape];
  return members.every((member) => member.k === 'lit' && typeof member.value === 'string')
    ? new Set(members.map((member) => String((member as { value: string }).value)))
    : undefined;
}

function withoutNull(shape: TypeShape): TypeShape {
  if (shape.k === 'union') return { k: 'union', of: shape.of.filter((member) => !(member.k === 'prim' && member.name === 'null')) };
  return shape.k === 'prim' && shape.name === 'null' ? prim('never') : shape;
}
