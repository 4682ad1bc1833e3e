/**
 * Type annotations read as payload members: inline type literals, interfaces and type aliases,
 * with the optionality a member has on the wire and the edit that makes a field optional.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Member, NameRef, PayloadSource, TypeDeclFact } from '../../model/facts.js';
import type { TypeShape } from '../../model/type-shape.js';
import { getEntityPath, getNameRef, getSpan, isExported, type Node, type SyntaxContext } from './syntax.js';
import { getTypeShape } from './type-shapes.js';

/**
 * `type A = { ... }`, and `type A = B & C & { ... }` of plain names and literals; undefined for
 * any other alias (its fields are not read).
 */
export function getTypeAliasFact(node: TSESTree.TSTypeAliasDeclaration, parent: Node | undefined, ctx: SyntaxContext): TypeDeclFact | undefined {
  const schema = getInferredSchema(node.typeAnnotation);
  if (schema) return { name: node.id.name, fields: [], isExported: isExported(parent), schema };
  const parts = node.typeAnnotation.type === 'TSIntersectionType' ? node.typeAnnotation.types : [node.typeAnnotation];
  const fields: Member[] = [];
  const bases: string[] = [];
  for (const part of parts) {
    if (part.type === 'TSTypeLiteral') fields.push(...getTypeMembers(part.members, ctx));
    else if (part.type === 'TSTypeReference' && part.typeName.type === 'Identifier' && !part.typeArguments) bases.push(part.typeName.name);
    else return undefined;
  }
  const fact: TypeDeclFact = { name: node.id.name, fields, isExported: isExported(parent) };
  if (bases.length > 0) fact.bases = bases;
  const entries = parts.flatMap((part) => (part.type === 'TSTypeLiteral' ? getKeyedEntries(part.members, ctx) : []));
  if (entries.length > 0) fact.entries = entries;
  return fact;
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
  const schema = node && getInferredSchema(node);
  return schema ? { schema } : undefined;
}

/** `QueueName.Export` or `'export'` as an index type: the name it stands for. */
function getIndexKey(node: TSESTree.TypeNode): NameRef | undefined {
  if (node.type === 'TSLiteralType' && node.literal.type === 'Literal' && typeof node.literal.value === 'string') return { value: node.literal.value };
  if (node.type !== 'TSTypeReference' || node.typeArguments) return undefined;
  const path = getEntityPath(node.typeName);
  return path ? { path } : undefined;
}

const ZOD_INFERENCES = new Set(['infer', 'input', 'output', 'TypeOf']);

/** `z.infer<typeof Schema>` (and `z.input`, `z.output`, `z.TypeOf`, `Zod.infer<typeof ns.Schema>`): the schema's reference path. */
function getInferredSchema(node: TSESTree.TypeNode): string[] | undefined {
  if (node.type !== 'TSTypeReference' || node.typeName.type !== 'TSQualifiedName' || node.typeName.left.type !== 'Identifier') return undefined;
  if (!ZOD_INFERENCES.has(node.typeName.right.name)) return undefined;
  const argument = node.typeArguments?.params[0];
  if (argument?.type !== 'TSTypeQuery' || node.typeArguments!.params.length !== 1) return undefined;
  return getEntityPath(argument.exprName);
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
