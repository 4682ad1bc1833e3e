/**
 * Type annotations read as payload members: inline type literals, interfaces and type aliases,
 * with the optionality a member has on the wire and the edit that makes a field optional.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Member, PayloadSource, TypeDeclFact } from '../../model/facts.js';
import { getSpan, isExported, type Node, type SyntaxContext } from './syntax.js';

export function getTypeAliasFact(
  node: TSESTree.TSTypeAliasDeclaration,
  literal: TSESTree.TSTypeLiteral,
  parent: Node | undefined,
  ctx: SyntaxContext,
): TypeDeclFact {
  return { name: node.id.name, fields: getTypeMembers(literal.members, ctx), isExported: isExported(parent) };
}

/** An inline type literal or a plain type name, as a payload source. */
export function getTypeSource(node: TSESTree.TypeNode | undefined, ctx: SyntaxContext): PayloadSource | undefined {
  if (node?.type === 'TSTypeLiteral') return { inline: getTypeMembers(node.members, ctx) };
  if (node?.type === 'TSTypeReference' && node.typeName.type === 'Identifier' && !node.typeArguments) {
    return { ref: { name: node.typeName.name } };
  }
  return undefined;
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

export function getTypeText(node: Node, ctx: SyntaxContext): string | undefined {
  const annotation = (node as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation;
  if (!annotation) return undefined;
  return normalizeTypeText(ctx.text.slice(annotation.typeAnnotation.range[0], annotation.typeAnnotation.range[1]));
}

export function normalizeTypeText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\s*([|&,;:<>()[\]{}])\s*/g, '$1').trim();
}
