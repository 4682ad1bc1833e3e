/**
 * Type annotations read as payload members: inline type literals, interfaces and type aliases,
 * with the optionality a member has on the wire and the edit that makes a field optional.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Member, NameRef, PayloadSource, TypeDeclFact } from '../../model/facts.js';
import type { TypeShape } from '../../model/type-shape.js';
import { getEntityPath, getNameRef, getSpan, getStaticNumber, getStaticString, isExported, type Node, type SyntaxContext } from './syntax.js';
import { getTypeShape } from './type-shapes.js';
import { getInferredSchemaPath } from './inferred-schema.js';

/**
 * `type A = { ... }`, and `type A = B & C & { ... }` of plain names and literals, read as fields;
 * any other alias (a union, a generic, `Omit<Base, 'x'> & { ... }`) by its structure, which
 * resolve/payload-shapes.ts evaluates where the names it uses are declared.
 */
export function getTypeAliasFact(node: TSESTree.TSTypeAliasDeclaration, parent: Node | undefined, ctx: SyntaxContext): TypeDeclFact | undefined {
  const schema = getInferredSchemaPath(node.typeAnnotation);
  if (schema) return { name: node.id.name, fields: [], isExported: isExported(parent), schema };
  const params = node.typeParameters?.params.map((param) => param.name.name);
  const fields = params ? undefined : getAliasFields(node.typeAnnotation, ctx);
  const fact: TypeDeclFact = { name: node.id.name, fields: fields?.fields ?? [], isExported: isExported(parent) };
  if (fields) {
    if (fields.bases.length > 0) fact.bases = fields.bases;
    const entries = fields.literals.flatMap((part) => getKeyedEntries(part.members, ctx));
    if (entries.length > 0) fact.entries = entries;
    return fact;
  }
  const shape = getTypeShape(node.typeAnnotation);
  if (shape.k === 'opaque') return undefined;
  fact.shape = shape;
  fact.span = getSpan(node.id);
  if (params) fact.params = params;
  return fact;
}

/** The fields of `{ ... }` and `B & { ... }` (plain names only), with the literals they come from. */
function getAliasFields(annotation: TSESTree.TypeNode, ctx: SyntaxContext): { fields: Member[]; bases: string[]; literals: TSESTree.TSTypeLiteral[] } | undefined {
  const parts = annotation.type === 'TSIntersectionType' ? annotation.types : [annotation];
  const fields: Member[] = [];
  const bases: string[] = [];
  const literals: TSESTree.TSTypeLiteral[] = [];
  for (const part of parts) {
    if (part.type === 'TSTypeLiteral') {
      fields.push(...getTypeMembers(part.members, ctx));
      literals.push(part);
    } else if (part.type === 'TSTypeReference' && part.typeName.type === 'Identifier' && !part.typeArguments) bases.push(part.typeName.name);
    else return undefined;
  }
  // A lone name (`type A = B`) is an alias of B's structure, whatever B is (an object, a union, an enum).
  return literals.length === 0 && bases.length === 1 && parts.length === 1 ? undefined : { fields, bases, literals };
}

/**
 * `enum Format { Csv = 'csv', Json = 'json' }` as a type: the union of its values, numbered as
 * TypeScript numbers them; unknown when a member's value is computed.
 */
export function getEnumTypeFact(node: TSESTree.TSEnumDeclaration, parent: Node | undefined): TypeDeclFact {
  const members: Record<string, TypeShape> = {};
  let next: number | undefined = 0;
  let known = true;
  for (const member of node.body.members) {
    const key = member.id.type === 'Identifier' ? member.id.name : member.id.type === 'Literal' ? String(member.id.value) : undefined;
    const value: string | number | undefined = member.initializer ? getEnumValue(member.initializer) : next;
    next = typeof value === 'number' ? value + 1 : undefined;
    if (key === undefined || value === undefined) known = false;
    else members[key] = { k: 'lit', value };
  }
  const values = Object.values(members);
  const shape: TypeShape = known ? (values.length === 1 ? values[0]! : { k: 'union', of: values }) : { k: 'opaque' };
  return { name: node.id.name, fields: [], isExported: isExported(parent), shape, members, span: getSpan(node.id) };
}

function getEnumValue(node: TSESTree.Expression): string | number | undefined {
  return getStaticString(node) ?? getStaticNumber(node);
}

/** `[QueueName.Export]: { ... }`, `['export']: Payload`: members keyed by a name, read for indexed access. */
function getKeyedEntries(members: TSESTree.TypeElement[], ctx: SyntaxContext): NonNullable<TypeDeclFact['entries']> {
  const entries: NonNullable<TypeDeclFact['entries']> = [];
  for (const member of members) {
    if (member.type !== 'TSPropertySignature' || !member.computed) continue;
    const key = getNameRef(member.key);
    const source = getTypeSource(member.typeAnnotation?.typeAnnotation, ctx);
    if (key && source) entries.push({ key, source });
  }
  return entries;
}

/** `interface A extends B, C { ... }`: its own fields, and the plain names it extends. */
export function getInterfaceFact(node: TSESTree.TSInterfaceDeclaration, parent: Node | undefined, ctx: SyntaxContext): TypeDeclFact {
  const fact: TypeDeclFact = { name: node.id.name, fields: getTypeMembers(node.body.body, ctx), isExported: isExported(parent) };
  const bases = node.extends.flatMap((heritage) => (heritage.expression.type === 'Identifier' && !heritage.typeArguments ? [heritage.expression.name] : []));
  if (bases.length > 0) fact.bases = bases;
  const params = node.typeParameters?.params.map((param) => param.name.name);
  if (params) fact.params = params;
  return fact;
}

/** An inline type literal, a plain type name, or a zod schema's inferred type, as a payload source. */
export function getTypeSource(node: TSESTree.TypeNode | undefined, ctx: SyntaxContext): PayloadSource | undefined {
  if (node?.type === 'TSTypeLiteral') return { inline: getTypeMembers(node.members, ctx) };
  if (node?.type === 'TSTypeReference' && node.typeName.type === 'Identifier' && !node.typeArguments) {
    return { ref: { name: node.typeName.name } };
  }
  if (node?.type === 'TSIndexedAccessType' && node.objectType.type === 'TSTypeReference' && node.objectType.typeName.type === 'Identifier' && !node.objectType.typeArguments) {
    const key = getIndexKey(node.indexType);
    if (key) return { indexed: { type: node.objectType.typeName.name, key } };
  }
  const schema = node && getInferredSchemaPath(node);
  if (schema) return { schema };
  // Generics and utility types over names (`Scoped<Props>`, `Omit<Base, 'x'> & { y?: string }`): evaluated with the project.
  const shape = node && (node.type === 'TSTypeReference' || node.type === 'TSIntersectionType') ? getTypeShape(node) : undefined;
  return shape && (shape.k === 'and' || (shape.k === 'ref' && shape.args)) ? { shape, span: getSpan(node!) } : undefined;
}

/** `QueueName.Export` or `'export'` as an index type: the name it stands for. */
function getIndexKey(node: TSESTree.TypeNode): NameRef | undefined {
  if (node.type === 'TSLiteralType' && node.literal.type === 'Literal' && typeof node.literal.value === 'string') return { value: node.literal.value };
  if (node.type !== 'TSTypeReference' || node.typeArguments) return undefined;
  const path = getEntityPath(node.typeName);
  return path ? { path } : undefined;
}

export function getTypeMembers(members: TSESTree.TypeElement[], ctx: SyntaxContext): Member[] {
  const result: Member[] = [];
  for (const member of members) {
    if (member.type !== 'TSPropertySignature' || member.computed) continue;
    const key = member.key;
    const name = key.type === 'Identifier' ? key.name : key.type === 'Literal' ? String(key.value) : undefined;
    if (name === undefined) continue;
    const annotation = member.typeAnnotation?.typeAnnotation;
    const type = annotation ? normalizeTypeText(ctx.text.slice(annotation.range[0], annotation.range[1])) : undefined;
    const field: Member = { name, optionality: getOptionality(member.optional, type), span: getSpan(member) };
    if (type !== undefined) field.type = type;
    if (annotation) field.shape = getTypeShape(annotation);
    if (field.optionality === 'required') field.makeOptional = { range: [key.range[1], key.range[1]], text: '?' };
    result.push(field);
  }
  return result;
}

/** A member whose type admits `undefined` is optional on the wire, whatever its syntax. */
export function getOptionality(isMarkedOptional: boolean, type: string | undefined): Member['optionality'] {
  if (isMarkedOptional) return 'optional';
  if (type !== undefined && admitsUndefined(type)) return 'optional';
  return 'required';
}

function admitsUndefined(type: string): boolean {
  return /(^|\|)\s*(undefined|void)\s*(\||$)/.test(type);
}

/** The structure of a node's type annotation, if it has one. */
export function getAnnotationShape(node: Node): TypeShape | undefined {
  const annotation = (node as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation;
  return annotation ? getTypeShape(annotation.typeAnnotation) : undefined;
}

export function getTypeText(node: Node, ctx: SyntaxContext): string | undefined {
  const annotation = (node as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation;
  if (!annotation) return undefined;
  return normalizeTypeText(ctx.text.slice(annotation.typeAnnotation.range[0], annotation.typeAnnotation.range[1]));
}

export function normalizeTypeText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\s*([|&,;:<>()[\]{}])\s*/g, '$1').trim();
}
