/**
 * Functions and methods read as handlers: positional parameters with their transitional edits,
 * where an object payload's fields come from, a sketch of the body, and a dispatch on the job's name.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { HandlerFact, Member, PayloadSource, SourceSpan, TextEdit } from '../../model/facts.js';
import { getDateUses } from './date-uses.js';
import { getDispatchFact } from './dispatch.js';
import { getFingerprint } from './fingerprint.js';
import { getSpan, isFunctionNode, type Node, type SyntaxContext } from './syntax.js';
import { getAnnotationShape, getOptionality, getTypeSource, getTypeText } from './types.js';

/** A function or method as a handler: its parameters, and where an object payload's fields come from. */
export function getFunctionFact(
  method: string,
  span: SourceSpan,
  fn: TSESTree.FunctionLike,
  ctx: SyntaxContext,
): HandlerFact {
  const params = fn.params.filter((param) => !(param.type === 'Identifier' && param.name === 'this'));
  const handler: HandlerFact = { method, span, params: getParamMembers(params, ctx) };
  if (fn.body) {
    const body = ctx.text.slice(fn.body.range[0], fn.body.range[1]);
    handler.fingerprint = getFingerprint(body);
    const dateUses = getDateUses(params, body);
    if (dateUses) handler.dateUses = dateUses;
  }
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

/**
 * `Payload` in `(job: Job<Payload>) => ...`: where Agenda-style handlers declare their data;
 * also `(jobs: Job<Payload>[])` and `([job]: Job<Payload>[])`, where jobs come in batches (pg-boss).
 */
function getFirstParamTypeArgument(param: TSESTree.Parameter, ctx: SyntaxContext): PayloadSource | undefined {
  const target = param.type === 'AssignmentPattern' ? param.left : param;
  if (target.type !== 'Identifier' && target.type !== 'ObjectPattern' && target.type !== 'ArrayPattern') return undefined;
  let annotation = target.typeAnnotation?.typeAnnotation;
  // `({ data: { id, to } })`, `([{ data: { id, to } }])` in JavaScript: the job's data destructured.
  if (!annotation) return getDestructuredData(target.type === 'ArrayPattern' ? target.elements[0] : target);
  // `({ data }: { data: Payload })`: a job written as its type literal.
  const data = annotation?.type === 'TSTypeLiteral' ? getDataMember(annotation) : undefined;
  if (data) return getTypeSource(data, ctx);
  if (annotation?.type === 'TSArrayType') annotation = annotation.elementType;
  else if (annotation?.type === 'TSTypeReference' && annotation.typeName.type === 'Identifier' && annotation.typeName.name === 'Array') annotation = annotation.typeArguments?.params[0];
  if (annotation?.type !== 'TSTypeReference') return undefined;
  return getTypeSource(annotation.typeArguments?.params[0], ctx);
}

function getDestructuredData(job: TSESTree.DestructuringPattern | null | undefined): PayloadSource | undefined {
  if (job?.type !== 'ObjectPattern') return undefined;
  for (const property of job.properties) {
    if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier' || property.key.name !== 'data') continue;
    const value = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
    return value.type === 'ObjectPattern' ? { inline: getPatternMembers(value) } : undefined;
  }
  return undefined;
}

function getDataMember(literal: TSESTree.TSTypeLiteral): TSESTree.TypeNode | undefined {
  for (const member of literal.members) {
    if (member.type === 'TSPropertySignature' && !member.computed && member.key.type === 'Identifier' && member.key.name === 'data') return member.typeAnnotation?.typeAnnotation;
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
      const shape = getAnnotationShape(param);
      if (shape) member.shape = shape;
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

/**
 * `this.handle.bind(this)`, `this.#handle.bind(this)`, `this.handle`: the method of the enclosing
 * class that the expression stands for (a method, or a property holding a function). The
 * enclosing class is the innermost one the traversal has entered whose range holds the node:
 * parent pointers are not set yet below the node being visited.
 */
export function getMethodOfThis(node: Node, ctx: SyntaxContext): TSESTree.FunctionLike | undefined {
  let target: Node = node;
  if (target.type === 'CallExpression' && target.callee.type === 'MemberExpression' && !target.callee.computed && target.callee.property.type === 'Identifier' && target.callee.property.name === 'bind') {
    target = target.callee.object;
  }
  if (target.type !== 'MemberExpression' || target.computed || target.object.type !== 'ThisExpression') return undefined;
  const key = target.property.type === 'Identifier' || target.property.type === 'PrivateIdentifier' ? target.property : undefined;
  const [start, end] = target.range;
  const bodies = ctx.classBodies ?? [];
  let body: TSESTree.ClassBody | undefined;
  for (const candidate of bodies) if (candidate.range[0] <= start && end <= candidate.range[1]) body = candidate;
  if (!key || !body) return undefined;
  for (const element of body.body) {
    if (element.type !== 'MethodDefinition' && element.type !== 'PropertyDefinition') continue;
    if (element.static || element.computed || element.key.type !== key.type || (element.key as { name: string }).name !== key.name) continue;
    return isFunctionNode(element.value) ? element.value : undefined;
  }
  return undefined;
}
