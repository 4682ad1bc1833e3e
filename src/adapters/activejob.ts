/**
 * The ActiveJob-style adapter: classes with a handler method (`perform`) whose superclass
 * chain reaches a `*Job`/`*Task` base, enqueued with static calls (`X.performLater(...)`).
 * It turns one file's AST into FileFacts; resolution across files happens in project/.
 */
import { simpleTraverse, type TSESTree } from '@typescript-eslint/typescript-estree';
import type {
  ArgumentsFact,
  ClassFact,
  EnqueueFact,
  FileFacts,
  HandlerFact,
  ImportBinding,
  Member,
  SourceSpan,
  TextEdit,
  TypeDeclFact,
} from '../model/facts.js';
import type { JobPattern } from './job-pattern.js';

type Node = TSESTree.Node;

interface ExtractContext {
  text: string;
  pattern: JobPattern;
  /** JavaScript files get `= undefined` instead of `?` as their transitional form. */
  isJavaScript: boolean;
}

export function extractFacts(program: TSESTree.Program, text: string, pattern: JobPattern, isJavaScript: boolean): FileFacts {
  const ctx: ExtractContext = { text, pattern, isJavaScript };
  const facts: FileFacts = { classes: [], imports: {}, exportAliases: {}, types: [], enqueues: [] };
  simpleTraverse(program, {
    enter(node, parent) {
      switch (node.type) {
        case 'ClassDeclaration':
          if (node.id) facts.classes.push(getClassFact(node, parent, ctx));
          break;
        case 'ImportDeclaration':
          addImportBindings(node, facts.imports);
          break;
        case 'VariableDeclarator':
          addRequireBindings(node, facts.imports);
          break;
        case 'ExportNamedDeclaration':
          addExportAliases(node, facts.exportAliases);
          break;
        case 'ExportDefaultDeclaration':
          if (node.declaration.type === 'Identifier') facts.exportAliases.default = node.declaration.name;
          break;
        case 'TSInterfaceDeclaration':
          facts.types.push({ name: node.id.name, fields: getTypeMembers(node.body.body, ctx), isExported: isExported(parent) });
          break;
        case 'TSTypeAliasDeclaration':
          if (node.typeAnnotation.type === 'TSTypeLiteral') {
            facts.types.push(getTypeAliasFact(node, node.typeAnnotation, parent, ctx));
          }
          break;
        case 'CallExpression': {
          const enqueue = getEnqueueFact(node, pattern);
          if (enqueue) facts.enqueues.push(enqueue);
          break;
        }
      }
    },
  });
  return facts;
}

function getTypeAliasFact(
  node: TSESTree.TSTypeAliasDeclaration,
  literal: TSESTree.TSTypeLiteral,
  parent: Node | undefined,
  ctx: ExtractContext,
): TypeDeclFact {
  return { name: node.id.name, fields: getTypeMembers(literal.members, ctx), isExported: isExported(parent) };
}

function isExported(parent: Node | undefined): boolean {
  return parent?.type === 'ExportNamedDeclaration' || parent?.type === 'ExportDefaultDeclaration';
}

export function getSpan(node: Node): SourceSpan {
  return {
    start: { line: node.loc.start.line, column: node.loc.start.column },
    end: { line: node.loc.end.line, column: node.loc.end.column },
    range: [node.range[0], node.range[1]],
  };
}

function getClassFact(node: TSESTree.ClassDeclaration, parent: Node | undefined, ctx: ExtractContext): ClassFact {
  const fact: ClassFact = {
    name: node.id!.name,
    span: getSpan(node.id!),
    isAbstract: node.abstract === true,
    isExported: isExported(parent),
    isDefaultExport: parent?.type === 'ExportDefaultDeclaration',
    superClass: getSuperClassName(node.superClass),
    handlers: [],
  };
  for (const element of node.body.body) {
    const handler = getHandlerFact(element, ctx);
    if (handler) {
      fact.handlers.push(handler);
    } else if (isStaticStringProperty(element, ctx.pattern.queueProperty)) {
      fact.queue = (element.value as TSESTree.StringLiteral).value;
    }
  }
  return fact;
}

function getSuperClassName(node: TSESTree.Expression | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = getSuperClassName(node.object);
    return object ? `${object}.${node.property.name}` : undefined;
  }
  return undefined;
}

function isStaticStringProperty(element: TSESTree.ClassElement, name: string): element is TSESTree.PropertyDefinition {
  return (
    element.type === 'PropertyDefinition' &&
    element.static &&
    !element.computed &&
    element.key.type === 'Identifier' &&
    element.key.name === name &&
    element.value?.type === 'Literal' &&
    typeof element.value.value === 'string'
  );
}

function getHandlerFact(element: TSESTree.ClassElement, ctx: ExtractContext): HandlerFact | undefined {
  if (element.type !== 'MethodDefinition' && element.type !== 'PropertyDefinition') return undefined;
  if (element.static || element.computed || element.key.type !== 'Identifier') return undefined;
  if (!ctx.pattern.handlerMethods.includes(element.key.name)) return undefined;
  const fn = element.value;
  if (
    !fn ||
    (fn.type !== 'FunctionExpression' && fn.type !== 'ArrowFunctionExpression' && fn.type !== 'TSEmptyBodyFunctionExpression')
  ) {
    return undefined;
  }
  const params = fn.params.filter((param) => !(param.type === 'Identifier' && param.name === 'this'));
  const handler: HandlerFact = { method: element.key.name, span: getSpan(element.key), params: getParamMembers(params, ctx) };
  const payload = params.length === 1 ? getPayloadSource(params[0]!, ctx) : undefined;
  if (payload) handler.payload = payload;
  return handler;
}

function getPayloadSource(param: TSESTree.Parameter, ctx: ExtractContext): HandlerFact['payload'] {
  const target = param.type === 'AssignmentPattern' ? param.left : param;
  if (target.type !== 'Identifier' && target.type !== 'ObjectPattern') return undefined;
  const annotation = target.typeAnnotation?.typeAnnotation;
  if (annotation?.type === 'TSTypeLiteral') return { inline: getTypeMembers(annotation.members, ctx) };
  if (annotation?.type === 'TSTypeReference' && annotation.typeName.type === 'Identifier' && !annotation.typeArguments) {
    return { ref: { name: annotation.typeName.name } };
  }
  if (!annotation && target.type === 'ObjectPattern') return { inline: getPatternMembers(target) };
  return undefined;
}

function getParamMembers(params: TSESTree.Parameter[], ctx: ExtractContext): Member[] {
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

function getParamMember(param: TSESTree.Parameter, index: number, hasRequiredAfter: boolean, ctx: ExtractContext): Member {
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

function getPatternName(node: Node, index: number, ctx: ExtractContext): string {
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

function getTypeText(node: Node, ctx: ExtractContext): string | undefined {
  const annotation = (node as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation;
  if (!annotation) return undefined;
  return normalizeTypeText(ctx.text.slice(annotation.typeAnnotation.range[0], annotation.typeAnnotation.range[1]));
}

export function normalizeTypeText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\s*([|&,;:<>()[\]{}])\s*/g, '$1').trim();
}

/** Types that need parentheses before `| undefined` can follow them. */
const TYPES_NEEDING_PARENS = new Set(['TSFunctionType', 'TSConstructorType', 'TSConditionalType', 'TSInferType', 'TSTypeOperator']);

function getOptionalParamEdit(param: TSESTree.Identifier, hasRequiredAfter: boolean, ctx: ExtractContext): TextEdit | undefined {
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

function getTypeMembers(members: TSESTree.TypeElement[], ctx: ExtractContext): Member[] {
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

function addImportBindings(node: TSESTree.ImportDeclaration, imports: Record<string, ImportBinding>): void {
  for (const specifier of node.specifiers) {
    if (specifier.type === 'ImportSpecifier') {
      const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
      imports[specifier.local.name] = { source: node.source.value, imported };
    } else if (specifier.type === 'ImportDefaultSpecifier') {
      imports[specifier.local.name] = { source: node.source.value, imported: 'default' };
    }
  }
}

/** `const { FooJob } = require('./foo-job')` in CommonJS files. */
function addRequireBindings(node: TSESTree.VariableDeclarator, imports: Record<string, ImportBinding>): void {
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

function addExportAliases(node: TSESTree.ExportNamedDeclaration, aliases: Record<string, string>): void {
  if (node.source) return;
  for (const specifier of node.specifiers) {
    const local = specifier.local.name;
    const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : String(specifier.exported.value);
    if (local !== exported) aliases[exported] = local;
  }
}

function getEnqueueFact(node: TSESTree.CallExpression, pattern: JobPattern): EnqueueFact | undefined {
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  if (!pattern.enqueueMethods.includes(callee.property.name)) return undefined;
  const target = getEnqueueTarget(callee.object);
  if (!target) return undefined;
  return { callee: target, method: callee.property.name, args: getArgumentsFact(node.arguments), span: getSpan(node) };
}

/** The job class named by `X.method(...)` or `X.set(...).method(...)`. */
function getEnqueueTarget(node: TSESTree.Expression): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (
    node.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    !node.callee.computed &&
    node.callee.property.type === 'Identifier' &&
    node.callee.property.name === 'set'
  ) {
    return getEnqueueTarget(node.callee.object);
  }
  return undefined;
}

function getArgumentsFact(args: TSESTree.CallExpressionArgument[]): ArgumentsFact {
  const fact: ArgumentsFact = { count: args.length, hasSpread: args.some((arg) => arg.type === 'SpreadElement') };
  const first = args[0];
  if (first?.type === 'ObjectExpression' && first.properties.every((p) => p.type === 'Property' && !p.computed)) {
    fact.objectKeys = first.properties.map((p) => getPropertyKeyName((p as TSESTree.Property).key));
  }
  return fact;
}

function getPropertyKeyName(key: TSESTree.Property['key']): string {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'Literal') return String(key.value);
  return '';
}
