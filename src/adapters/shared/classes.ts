/**
 * Class declarations as facts: name, superclass and its type argument, and the members that
 * some kind asked the reader to keep (handler methods, static names, static option objects).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ClassFact, HandlerFact, NameRef } from '../../model/facts.js';
import { getFunctionFact } from './functions.js';
import { getNameRef, getSpan, getStaticKey, getSuperClassName, isExported, isFunctionNode, type Node, type SyntaxContext } from './syntax.js';
import { getTypeSource } from './types.js';
import { setOwn } from '../../model/records.js';

/** The class members every kind together asks for. */
export interface ClassReading {
  handlerMethods: ReadonlySet<string>;
  staticProperties: ReadonlySet<string>;
  staticOptions: ReadonlySet<string>;
}

export function getClassFact(node: TSESTree.ClassDeclaration, parent: Node | undefined, reading: ClassReading, ctx: SyntaxContext): ClassFact {
  const fact: ClassFact = {
    name: node.id!.name,
    span: getSpan(node.id!),
    // A `declare class` runs no code of its own, like an abstract one: a base, never a job.
    isAbstract: node.abstract === true || node.declare === true,
    isExported: isExported(parent),
    isDefaultExport: parent?.type === 'ExportDefaultDeclaration',
    handlers: [],
    declarationEnd: (isExported(parent) ? parent! : node).range[1],
  };
  const superClass = getSuperClassName(node.superClass);
  if (superClass) fact.superClass = superClass;
  const typeArgument = getTypeSource(node.superTypeArguments?.params[0], ctx);
  if (typeArgument) fact.superTypeArgument = typeArgument;
  for (const element of node.body.body) {
    const superArgument = fact.superClass ? getSuperArgument(element) : undefined;
    if (superArgument) fact.superArgument = superArgument;
    const handler = getHandlerFact(element, reading, ctx);
    if (handler) {
      fact.handlers.push(handler);
      continue;
    }
    if (element.type !== 'PropertyDefinition' || !element.static || element.computed || element.key.type !== 'Identifier' || !element.value) continue;
    const key = element.key.name;
    if (reading.staticProperties.has(key)) {
      const name = getNameRef(element.value);
      if (name) setOwn((fact.statics ??= {}), key, name);
    }
    if (reading.staticOptions.has(key) && element.value.type === 'ObjectExpression') {
      setOwn((fact.staticObjects ??= {}), key, getStaticNames(element.value));
    }
  }
  return fact;
}

/** `constructor(...) { super(Topics.Email, bullMq); }`: the name given to the base class. */
function getSuperArgument(element: TSESTree.ClassElement): NameRef | undefined {
  if (element.type !== 'MethodDefinition' || element.kind !== 'constructor' || !element.value.body) return undefined;
  for (const statement of element.value.body.body) {
    if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'CallExpression' || statement.expression.callee.type !== 'Super') continue;
    const first = statement.expression.arguments[0];
    return first && first.type !== 'SpreadElement' ? getNameRef(first) : undefined;
  }
  return undefined;
}

function getHandlerFact(element: TSESTree.ClassElement, reading: ClassReading, ctx: SyntaxContext): HandlerFact | undefined {
  if (element.type !== 'MethodDefinition' && element.type !== 'PropertyDefinition') return undefined;
  if (element.static || element.computed || element.key.type !== 'Identifier') return undefined;
  if (!reading.handlerMethods.has(element.key.name)) return undefined;
  const fn = element.value;
  if (!isFunctionNode(fn)) return undefined;
  // `getWorkerProcessor() { return async (job) => {...} }`: a method without parameters that returns the handler.
  const returned = fn.params.length === 0 ? getReturnedFunction(fn) : undefined;
  return getFunctionFact(element.key.name, getSpan(element.key), returned ?? fn, ctx);
}

/** The function a body returns at its top level: `return async (job) => {...}`. */
function getReturnedFunction(fn: TSESTree.FunctionLike): TSESTree.FunctionLike | undefined {
  if (fn.body?.type !== 'BlockStatement') return isFunctionNode(fn.body) ? fn.body : undefined;
  for (const statement of fn.body.body) {
    if (statement.type === 'ReturnStatement') return isFunctionNode(statement.argument) ? statement.argument : undefined;
  }
  return undefined;
}

function getStaticNames(node: TSESTree.ObjectExpression): Record<string, NameRef> {
  const names: Record<string, NameRef> = {};
  for (const property of node.properties) {
    if (property.type !== 'Property' || property.computed) continue;
    const key = getStaticKey(property);
    const name = getNameRef(property.value);
    if (key !== undefined && name) setOwn(names, key, name);
  }
  return names;
}
