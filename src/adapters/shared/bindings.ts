/**
 * What local names are bound to, where the object is one a kind asked about (`new Queue('email')`,
 * `q: Queue`, `@InjectQueue('email') q`): the receivers of enqueue calls, resolved at build time.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { BindingFact, FileFacts, NameRef } from '../../model/facts.js';
import { getCalleeName } from './calls.js';
import { getNameRef, getObjectProperty, getReceiverPath, getTypeReferenceName, type Node, withoutTypeAssertions } from './syntax.js';
import { setOwn } from '../../model/records.js';

/** The receiver objects every kind together asks about. */
export interface ReceiverReading {
  types: ReadonlySet<string>;
  /** Of those, the ones also made by a plain call (`Bull('email')`). */
  callable: ReadonlySet<string>;
  /** Decorators that inject a named object (`@InjectQueue('email')`). */
  inject: ReadonlySet<string>;
  /** Whether fields and parameters declared with any class type are recorded too. */
  typedMembers: boolean;
  /** Receiver names (`queue`): a name holding one of them, bound to a getter's result, records the getter. */
  names: ReadonlySet<string>;
}

function isReceiverName(key: string, reading: ReceiverReading): boolean {
  const lower = key.toLowerCase();
  for (const name of reading.names) if (lower.includes(name)) return true;
  return false;
}

/** `new Queue(QueueName.Export, ...)` anywhere: the name a receiver type's object is made with, where it is made. */
export function addConstruction(node: TSESTree.NewExpression, reading: ReceiverReading, facts: FileFacts): void {
  const type = getCalleeName(node.callee);
  const first = node.arguments[0];
  const name = type && reading.types.has(type) && first && first.type !== 'SpreadElement' ? getNameRef(first) : undefined;
  if (type && name) (facts.constructions ??= []).push({ type, name, offset: node.range[0] });
}

/**
 * Records what a declaration binds a name to, when it is an object of a receiver type of some
 * adapter (`new Queue('email')`, `q: Queue`, `@InjectQueue('email') q`): keys are `q` and `this.q`.
 */
export function addBindings(node: Node, reading: ReceiverReading, bindings: Record<string, BindingFact>): void {
  switch (node.type) {
    case 'VariableDeclarator':
      if (node.id.type === 'Identifier') addBinding(bindings, node.id.name, node.id.typeAnnotation, node.init, [], reading);
      return;
    case 'PropertyDefinition':
      if (!node.computed && node.key.type === 'Identifier' && !node.static) addBinding(bindings, `this.${node.key.name}`, node.typeAnnotation, node.value, node.decorators, reading, reading.typedMembers);
      return;
    case 'TSParameterProperty': {
      const param = node.parameter.type === 'AssignmentPattern' ? node.parameter.left : node.parameter;
      if (param.type === 'Identifier') {
        addBinding(bindings, `this.${param.name}`, param.typeAnnotation, null, node.decorators, reading, reading.typedMembers);
        addBinding(bindings, param.name, param.typeAnnotation, null, node.decorators, reading);
      }
      return;
    }
    case 'AssignmentExpression':
      if (node.left.type === 'MemberExpression' && node.left.object.type === 'ThisExpression' && !node.left.computed && node.left.property.type === 'Identifier') {
        addBinding(bindings, `this.${node.left.property.name}`, undefined, node.right, [], reading);
      }
      return;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      for (const param of node.params) {
        const target = param.type === 'AssignmentPattern' ? param.left : param;
        if (target.type === 'Identifier') addBinding(bindings, target.name, target.typeAnnotation, null, target.decorators ?? [], reading, reading.typedMembers);
      }
      return;
  }
}

function addBinding(
  bindings: Record<string, BindingFact>,
  key: string,
  annotation: TSESTree.TSTypeAnnotation | undefined,
  init: TSESTree.Expression | null | undefined,
  decorators: TSESTree.Decorator[],
  reading: ReceiverReading,
  anyType = false,
): void {
  const types: string[] = [];
  let name: NameRef | undefined;
  const typeName = getTypeReferenceName(annotation?.typeAnnotation);
  if (typeName && (reading.types.has(typeName) || (anyType && /^[A-Z]/.test(typeName)))) types.push(typeName);
  let value = init;
  if (value) value = withoutTypeAssertions(value);
  // `const queue = getExportQueue()`: named like a receiver, made by a getter whose result is found across files.
  if (value?.type === 'CallExpression' && value.arguments.length === 0 && types.length === 0 && isReceiverName(key, reading)) {
    const madeBy = getReceiverPath(value);
    if (madeBy && !madeBy[0]!.startsWith('new ')) {
      setOwn(bindings, key, { types: [], madeBy });
      return;
    }
  }
  if (value?.type === 'NewExpression' || value?.type === 'CallExpression') {
    const constructed = getCalleeName(value.callee);
    if (constructed && reading.types.has(constructed) && (value.type === 'NewExpression' || reading.callable.has(constructed))) {
      if (!types.includes(constructed)) types.push(constructed);
      const first = value.arguments[0];
      name = first && first.type !== 'SpreadElement' ? getNameRef(first) : undefined;
    }
  }
  for (const decorator of decorators) {
    if (!isDecorator(decorator, [...reading.inject])) continue;
    name = getDecoratorName(decorator);
    if (types.length === 0) types.push('Queue');
  }
  if (types.length === 0) return;
  const binding: BindingFact = { types };
  if (name) binding.name = name;
  setOwn(bindings, key, binding);
}

export function isDecorator(decorator: TSESTree.Decorator, names: string[]): boolean {
  const expression = decorator.expression;
  const callee = expression.type === 'CallExpression' ? expression.callee : expression;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
  return name !== undefined && names.includes(name);
}

/** `@Processor('email')`, `@Processor({ name: 'email' })`, `@Process('welcome')`, `@InjectQueue(EMAIL)`. */
export function getDecoratorName(decorator: TSESTree.Decorator): NameRef | undefined {
  const expression = decorator.expression;
  if (expression.type !== 'CallExpression') return undefined;
  const arg = expression.arguments[0];
  if (!arg || arg.type === 'SpreadElement') return undefined;
  if (arg.type === 'ObjectExpression') return getNameRef(getObjectProperty(arg, 'name'));
  return getNameRef(arg);
}
