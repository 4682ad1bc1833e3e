/**
 * Syntax helpers shared by every adapter: spans, parameters and payload members with their
 * transitional edits, type declarations, import and export bindings, and names.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type {
  ArgumentsFact,
  HandlerFact,
  ImportBinding,
  Member,
  NameRef,
  PayloadSource,
  SourceSpan,
  TextEdit,
  TypeDeclFact,
} from '../model/facts.js';
import { getDispatchFact } from './dispatch.js';
import { getFingerprint } from './fingerprint.js';

export type Node = TSESTree.Node;

export interface SyntaxContext {
  text: string;
  /** JavaScript files get `= undefined` instead of `?` as their transitional form. */
  isJavaScript: boolean;
}

export function getTypeAliasFact(
  node: TSESTree.TSTypeAliasDeclaration,
  literal: TSESTree.TSTypeLiteral,
  parent: Node | undefined,
  ctx: SyntaxContext,
): TypeDeclFact {
  return { name: node.id.name, fields: getTypeMembers(literal.members, ctx), isExported: isExported(parent) };
}

export function isExported(parent: Node | undefined): boolean {
  return parent?.type === 'ExportNamedDeclaration' || parent?.type === 'ExportDefaultDeclaration';
}

export function getSpan(node: Node): SourceSpan {
  return {
    start: { line: node.loc.start.line, column: node.loc.start.column },
    end: { line: node.loc.end.line, column: node.loc.end.column },
    range: [node.range[0], node.range[1]],
  };
}

export function getSuperClassName(node: TSESTree.Expression | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = getSuperClassName(node.object);
    return object ? `${object}.${node.property.name}` : undefined;
  }
  return undefined;
}

/** A function or method as a handler: its parameters, and where an object payload's fields come from. */
export function getFunctionFact(
  method: string,
  span: SourceSpan,
  fn: TSESTree.FunctionLike,
  ctx: SyntaxContext,
): HandlerFact {
  const params = fn.params.filter((param) => !(param.type === 'Identifier' && param.name === 'this'));
  const handler: HandlerFact = { method, span, params: getParamMembers(params, ctx) };
  if (fn.body) handler.fingerprint = getFingerprint(ctx.text.slice(fn.body.range[0], fn.body.range[1]));
  const payload = params.length === 1 ? getPayloadSource(params[0]!, ctx) : undefined;
  if (payload) handler.payload = payload;
  const firstParamPayload = params.length > 1 ? getPayloadSource(params[0]!, ctx) : undefined;
  if (firstParamPayload) handler.firstParamPayload = firstParamPayload;
  const typeArgument = params[0] ? getFirstParamTypeArgument(params[0], ctx) : undefined;
  if (typeArgument) handler.firstParamTypeArgument = typeArgument;
  const dispatch = params[0] ? getDispatchFact(fn, ctx) : undefined;
  if (dispatch) handler.dispatch = dispatch;
  return handler;
}

export function isFunctionNode(node: Node | null | undefined): node is TSESTree.FunctionLike {
  return (
    node?.type === 'FunctionExpression' ||
    node?.type === 'ArrowFunctionExpression' ||
    node?.type === 'TSEmptyBodyFunctionExpression' ||
    node?.type === 'FunctionDeclaration'
  );
}

/**
 * `Payload` in `(job: Job<Payload>) => ...`: where Agenda-style handlers declare their data;
 * also `(jobs: Job<Payload>[])` and `([job]: Job<Payload>[])`, where jobs come in batches (pg-boss).
 */
function getFirstParamTypeArgument(param: TSESTree.Parameter, ctx: SyntaxContext): PayloadSource | undefined {
  const target = param.type === 'AssignmentPattern' ? param.left : param;
  if (target.type !== 'Identifier' && target.type !== 'ObjectPattern' && target.type !== 'ArrayPattern') return undefined;
  let annotation = target.typeAnnotation?.typeAnnotation;
  if (annotation?.type === 'TSArrayType') annotation = annotation.elementType;
  else if (annotation?.type === 'TSTypeReference' && annotation.typeName.type === 'Identifier' && annotation.typeName.name === 'Array') annotation = annotation.typeArguments?.params[0];
  if (annotation?.type !== 'TSTypeReference') return undefined;
  return getTypeSource(annotation.typeArguments?.params[0], ctx);
}

/** An inline type literal or a plain type name, as a payload source. */
export function getTypeSource(node: TSESTree.TypeNode | undefined, ctx: SyntaxContext): PayloadSource | undefined {
  if (node?.type === 'TSTypeLiteral') return { inline: getTypeMembers(node.members, ctx) };
  if (node?.type === 'TSTypeReference' && node.typeName.type === 'Identifier' && !node.typeArguments) {
    return { ref: { name: node.typeName.name } };
  }
  return undefined;
}

export function getPayloadSource(param: TSESTree.Parameter, ctx: SyntaxContext): PayloadSource | undefined {
  const target = param.type === 'AssignmentPattern' ? param.left : param;
  if (target.type !== 'Identifier' && target.type !== 'ObjectPattern') return undefined;
  const annotation = target.typeAnnotation?.typeAnnotation;
  if (!annotation && target.type === 'ObjectPattern') return { inline: getPatternMembers(target) };
  return getTypeSource(annotation, ctx);
}

function getParamMembers(params: TSESTree.Parameter[], ctx: SyntaxContext): Member[] {
  return params.map((param, index) => {
    const hasRequiredAfter = params.slice(index + 1).some(isRequiredParam);
    return getParamMember(param, index, hasRequiredAfter, ctx);
  });
}

function isRequiredParam(param: TSESTree.Parameter): boolean {
  if (param.type === 'AssignmentPattern' || param.type === 'RestElement') return false;
  if ((param.type === 'Identifier' || param.type === 'ObjectPattern' || param.type === 'ArrayPattern') && param.optional) {
    return false;
  }
  return true;
}

function getParamMember(param: TSESTree.Parameter, index: number, hasRequiredAfter: boolean, ctx: SyntaxContext): Member {
  const span = getSpan(param);
  switch (param.type) {
    case 'RestElement':
      return { name: getPatternName(param.argument, index, ctx), optionality: 'rest', type: getTypeText(param, ctx), span };
    case 'AssignmentPattern':
      return { name: getPatternName(param.left, index, ctx), optionality: 'default', type: getTypeText(param.left, ctx), span };
    case 'Identifier': {
      const type = getTypeText(param, ctx);
      const member: Member = { name: param.name, optionality: getOptionality(param.optional === true, type), span };
      if (type !== undefined) member.type = type;
      const edit = member.optionality === 'required' ? getOptionalParamEdit(param, hasRequiredAfter, ctx) : undefined;
      if (edit) member.makeOptional = edit;
      return member;
    }
    default:
      return { name: getPatternName(param, index, ctx), optionality: isRequiredParam(param) ? 'required' : 'optional', span };
  }
}

function getPatternName(node: Node, index: number, ctx: SyntaxContext): string {
  if (node.type === 'Identifier') return node.name;
  const annotated = node as { typeAnnotation?: TSESTree.TSTypeAnnotation };
  const end = annotated.typeAnnotation ? annotated.typeAnnotation.range[0] : node.range[1];
  const pattern = ctx.text.slice(node.range[0], end).replace(/\s+/g, ' ').trim();
  return pattern || `#${index + 1}`;
}

/** A member whose type admits `undefined` is optional on the wire, whatever its syntax. */
function getOptionality(isMarkedOptional: boolean, type: string | undefined): Member['optionality'] {
  if (isMarkedOptional) return 'optional';
  if (type !== undefined && admitsUndefined(type)) return 'optional';
  return 'required';
}

function admitsUndefined(type: string): boolean {
  return /(^|\|)\s*(undefined|void)\s*(\||$)/.test(type);
}

function getTypeText(node: Node, ctx: SyntaxContext): string | undefined {
  const annotation = (node as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation;
  if (!annotation) return undefined;
  return normalizeTypeText(ctx.text.slice(annotation.typeAnnotation.range[0], annotation.typeAnnotation.range[1]));
}

export function normalizeTypeText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\s*([|&,;:<>()[\]{}])\s*/g, '$1').trim();
}

/** Types that need parentheses before `| undefined` can follow them. */
const TYPES_NEEDING_PARENS = new Set(['TSFunctionType', 'TSConstructorType', 'TSConditionalType', 'TSInferType', 'TSTypeOperator']);

function getOptionalParamEdit(param: TSESTree.Identifier, hasRequiredAfter: boolean, ctx: SyntaxContext): TextEdit | undefined {
  const nameEnd = param.range[0] + param.name.length;
  const annotation = param.typeAnnotation?.typeAnnotation;
  if (ctx.isJavaScript) {
    return annotation ? undefined : { range: [param.range[1], param.range[1]], text: ' = undefined' };
  }
  if (!hasRequiredAfter) return { range: [nameEnd, nameEnd], text: '?' };
  // `x?: T` may not precede a required parameter; `x: T | undefined` may, and says the same on the wire.
  if (!annotation) return undefined;
  const typeText = ctx.text.slice(annotation.range[0], annotation.range[1]);
  const wrapped = TYPES_NEEDING_PARENS.has(annotation.type) ? `(${typeText})` : typeText;
  return { range: [annotation.range[0], annotation.range[1]], text: `${wrapped} | undefined` };
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

/** Fields of an untyped destructured payload, e.g. `perform({ id, date })` in JavaScript. */
function getPatternMembers(pattern: TSESTree.ObjectPattern): Member[] {
  const result: Member[] = [];
  for (const property of pattern.properties) {
    if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') continue;
    const hasDefault = property.value.type === 'AssignmentPattern';
    const field: Member = { name: property.key.name, optionality: hasDefault ? 'default' : 'required', span: getSpan(property) };
    if (!hasDefault && property.value.type === 'Identifier') {
      const end = property.value.range[1];
      field.makeOptional = { range: [end, end], text: ' = undefined' };
    }
    result.push(field);
  }
  return result;
}

export function addImportBindings(node: TSESTree.ImportDeclaration, imports: Record<string, ImportBinding>): void {
  for (const specifier of node.specifiers) {
    if (specifier.type === 'ImportSpecifier') {
      const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
      imports[specifier.local.name] = { source: node.source.value, imported };
    } else if (specifier.type === 'ImportDefaultSpecifier') {
      imports[specifier.local.name] = { source: node.source.value, imported: 'default' };
    } else {
      imports[specifier.local.name] = { source: node.source.value, imported: '*' };
    }
  }
}

/** `const { FooJob } = require('./foo-job')` in CommonJS files. */
export function addRequireBindings(node: TSESTree.VariableDeclarator, imports: Record<string, ImportBinding>): void {
  const init = node.init;
  if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require') return;
  const source = init.arguments[0];
  if (source?.type !== 'Literal' || typeof source.value !== 'string' || node.id.type !== 'ObjectPattern') return;
  for (const property of node.id.properties) {
    if (property.type === 'Property' && property.key.type === 'Identifier' && property.value.type === 'Identifier') {
      imports[property.value.name] = { source: source.value, imported: property.key.name };
    }
  }
}

export function addExportAliases(node: TSESTree.ExportNamedDeclaration, aliases: Record<string, string>): void {
  if (node.source) return;
  for (const specifier of node.specifiers) {
    const local = specifier.local.name;
    const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : String(specifier.exported.value);
    if (local !== exported) aliases[exported] = local;
  }
}

export function getArgumentsFact(args: TSESTree.CallExpressionArgument[]): ArgumentsFact {
  const fact: ArgumentsFact = { count: args.length, hasSpread: args.some((arg) => arg.type === 'SpreadElement') };
  const first = args[0];
  if (first?.type === 'ObjectExpression' && first.properties.every((p) => p.type === 'Property' && !p.computed)) {
    fact.objectKeys = first.properties.map((p) => getPropertyKeyName((p as TSESTree.Property).key));
  }
  return fact;
}

export function getPropertyKeyName(key: TSESTree.Property['key']): string {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'Literal') return String(key.value);
  return '';
}

/**
 * A name as written: a string literal, a template without expressions, or a reference to a
 * module-level binding (`SEND`, `Jobs.Send`, `JOBS.send`, `EmailJob.name`). Undefined for
 * anything else: such names are dynamic.
 */
export function getNameRef(node: Node | undefined): NameRef | undefined {
  if (!node) return undefined;
  const value = getStaticString(node);
  if (value !== undefined) return { value };
  const path = getReferencePath(node);
  return path ? { path } : undefined;
}

export function getStaticString(node: Node): string | undefined {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  if (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'TSNonNullExpression') {
    return getStaticString(node.expression);
  }
  return undefined;
}

/** `object.property` written with plain names only, e.g. `module.exports`, `Object.freeze`. */
export function isNamedMember(node: Node, object: string, property: string): boolean {
  return (
    node.type === 'MemberExpression' &&
    !node.computed &&
    node.object.type === 'Identifier' &&
    node.object.name === object &&
    node.property.type === 'Identifier' &&
    node.property.name === property
  );
}

/** `a`, `a.b.c`, `a['b']`: a chain of names, or undefined. */
export function getReferencePath(node: Node): string[] | undefined {
  if (node.type === 'Identifier') return [node.name];
  if (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'TSNonNullExpression') {
    return getReferencePath(node.expression);
  }
  if (node.type !== 'MemberExpression' || node.optional) return undefined;
  const object = getReferencePath(node.object);
  if (!object) return undefined;
  if (!node.computed && node.property.type === 'Identifier') return [...object, node.property.name];
  const key = node.computed ? getStaticString(node.property) : undefined;
  return key === undefined ? undefined : [...object, key];
}

/** Arguments that cannot be read: every check counts them as passing. */
const UNREADABLE: ArgumentsFact = { count: 0, hasSpread: true };

/** The job arguments of a call, starting at `from`: `X.performLater(a, b)`, `client.job(name, a, b)`. */
export function getSpreadArguments(args: TSESTree.CallExpressionArgument[], from: number): ArgumentsFact {
  return getArgumentsFact(args.slice(from));
}

/** One array of positional arguments: `queue.enqueue('q', 'add', [1, 2])`. */
export function getArrayArguments(arg: TSESTree.CallExpressionArgument | undefined): ArgumentsFact {
  if (!arg) return { count: 0, hasSpread: false };
  if (arg.type !== 'ArrayExpression' || arg.elements.some((element) => element === null)) return UNREADABLE;
  return getArgumentsFact(arg.elements as TSESTree.CallExpressionArgument[]);
}

/** One payload value: `agenda.now('x', data)`. An absent payload has no fields. */
export function getSingleArgument(arg: TSESTree.CallExpressionArgument | undefined): ArgumentsFact {
  if (!arg) return { count: 0, hasSpread: false, objectKeys: [] };
  if (arg.type === 'SpreadElement') return UNREADABLE;
  return getArgumentsFact([arg]);
}
