/**
 * A type annotation's AST as a TypeShape (model/type-shape.ts): keywords, literals, unions,
 * arrays, tuples, object literals, `Record`, the utility types that reshape an inline object
 * (`Partial`, `Required`, `Readonly`, `Pick`, `Omit`, `NonNullable`), intersections of object
 * literals; other references by name. Anything else is opaque: unknown, never a finding.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { applyUtility, getLiteralKeys, intersect, type Primitive, type TypeShape } from '../../model/type-shape.js';
import { getEntityPath } from './syntax.js';
import { getInferredSchemaPath } from './inferred-schema.js';

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
      return intersect(node.types.map((member) => getTypeShape(member, depth + 1)));
    case 'TSTypeReference':
      return getReferenceShape(node, depth);
    case 'TSTypeQuery': {
      // `typeof X`: the type of a module-level value, evaluated where it is declared.
      const path = node.typeArguments ? undefined : getTypeQueryPath(node);
      return path ? { k: 'valueof', path, of: 'value' } : OPAQUE;
    }
    case 'TSIndexedAccessType':
      return getValuesOfShape(node);
    case 'TSFunctionType':
    case 'TSConstructorType':
      // Compared by name like `Function`; no encoding keeps a function (model/encodings.ts).
      return { k: 'ref', name: 'Function' };
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

/** `(typeof STATUS)[keyof typeof STATUS]`: the union of an `as const` object's values. */
function getValuesOfShape(node: TSESTree.TSIndexedAccessType): TypeShape {
  const object = node.objectType.type === 'TSTypeQuery' ? getTypeQueryPath(node.objectType) : undefined;
  const index = node.indexType;
  const keys = index.type === 'TSTypeOperator' && index.operator === 'keyof' && index.typeAnnotation?.type === 'TSTypeQuery' ? getTypeQueryPath(index.typeAnnotation) : undefined;
  return object && keys && object.join('.') === keys.join('.') ? { k: 'valueof', path: object, of: 'values' } : OPAQUE;
}

function getTypeQueryPath(node: TSESTree.TSTypeQuery): string[] | undefined {
  return node.exprName.type === 'TSImportType' ? undefined : getEntityPath(node.exprName);
}

function getReferenceShape(node: TSESTree.TSTypeReference, depth: number): TypeShape {
  const schema = getInferredSchemaPath(node);
  if (schema) return { k: 'schema', path: schema };
  const name = getEntityPath(node.typeName)?.join('.');
  if (name === undefined) return OPAQUE;
  const args = (node.typeArguments?.params ?? []).map((param) => getTypeShape(param, depth + 1));
  if (args.length === 0) return { k: 'ref', name };
  switch (name) {
    case 'Array':
    case 'ReadonlyArray':
      return args.length === 1 ? { k: 'array', of: args[0]! } : OPAQUE;
    case 'Record':
      return args.length === 2 && isKeyShape(args[0]!) ? { k: 'record', value: args[1]! } : OPAQUE;
  }
  // A named type: compared by name and arguments, evaluated where the project declares it (resolve/payload-shapes.ts).
  return applyUtility(name, args) ?? { k: 'ref', name, args };
}

function isKeyShape(shape: TypeShape): boolean {
  return (shape.k === 'prim' && (shape.name === 'string' || shape.name === 'number')) || getLiteralKeys(shape) !== undefined;
}
