/**
 * What a call passes as a job's arguments: how many, the keys of an object payload, and the
 * values whose type the call itself shows (literals, `new Date()`), by key or position.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ArgumentsFact, BuiltinValueFact } from '../../model/facts.js';
import type { TypeShape } from '../../model/type-shape.js';
import { getPropertyKeyName, getSpan, getStaticNumber, type Node, withoutTypeAssertions } from './syntax.js';

export function getArgumentsFact(args: TSESTree.CallExpressionArgument[]): ArgumentsFact {
  const fact: ArgumentsFact = { count: args.length, hasSpread: args.some((arg) => arg.type === 'SpreadElement') };
  const first = args[0];
  const literals: Record<string, TypeShape> = {};
  if (first?.type === 'ObjectExpression' && first.properties.every((p) => p.type === 'Property' && !p.computed)) {
    fact.objectKeys = first.properties.map((p) => getPropertyKeyName((p as TSESTree.Property).key));
    const nested = getNestedKeys(first, '', {}, 0);
    if (Object.keys(nested).length > 0) fact.nestedKeys = nested;
    for (const property of first.properties as TSESTree.Property[]) {
      const shape = getLiteralShape(property.value);
      const key = getPropertyKeyName(property.key);
      if (shape && key !== '__proto__') literals[key] = shape;
    }
  }
  args.forEach((arg, index) => {
    const shape = arg.type === 'SpreadElement' ? undefined : getLiteralShape(arg);
    if (shape) literals[`#${index}`] = shape;
  });
  if (Object.keys(literals).length > 0) fact.literals = literals;
  const builtins = getBuiltinValues(args);
  if (builtins.length > 0) fact.builtins = builtins;
  return fact;
}

/** Constructors of values that JSON, or another encoding, does not keep as they are. */
const BUILTIN_CONSTRUCTORS = new Set(['Date', 'Map', 'Set', 'WeakMap', 'WeakSet', 'RegExp', 'Error', 'Promise']);

/** Object literals nested deeper than this in a payload are not searched for built-in values. */
const MAX_BUILTIN_DEPTH = 4;

/**
 * The values the call constructs whose type says more than JSON keeps: in the object payload by
 * key path (`at`, `window.from`), and as positional arguments by position (`#0`).
 */
function getBuiltinValues(args: TSESTree.CallExpressionArgument[]): BuiltinValueFact[] {
  const found: BuiltinValueFact[] = [];
  const first = args[0] && withoutTypeAssertions(args[0]);
  if (first?.type === 'ObjectExpression') addObjectBuiltins(first, '', found, 0);
  args.forEach((arg, index) => {
    const shape = arg.type === 'SpreadElement' ? undefined : getBuiltinShape(arg);
    if (shape) found.push({ key: `#${index}`, shape, span: getSpan(arg) });
  });
  return found;
}

function addObjectBuiltins(object: TSESTree.ObjectExpression, prefix: string, found: BuiltinValueFact[], depth: number): void {
  for (const property of object.properties) {
    if (property.type !== 'Property' || property.computed) continue;
    const key = `${prefix}${getPropertyKeyName(property.key)}`;
    const value = withoutTypeAssertions(property.value);
    const shape = getBuiltinShape(value);
    if (shape) found.push({ key, shape, span: getSpan(value) });
    else if (value.type === 'ObjectExpression' && depth < MAX_BUILTIN_DEPTH) addObjectBuiltins(value, `${key}.`, found, depth + 1);
  }
}

/** `new Date()`, `new Map()`, `/x/`, `10n`, `BigInt(x)`, `Symbol()`, `() => {}`: the type the value shows; undefined for anything else. */
function getBuiltinShape(node: Node): TypeShape | undefined {
  const value = withoutTypeAssertions(node);
  switch (value.type) {
    case 'NewExpression':
      return value.callee.type === 'Identifier' && BUILTIN_CONSTRUCTORS.has(value.callee.name) ? { k: 'ref', name: value.callee.name } : undefined;
    case 'Literal':
      if ('bigint' in value && value.bigint) return { k: 'prim', name: 'bigint' };
      return 'regex' in value && value.regex ? { k: 'ref', name: 'RegExp' } : undefined;
    case 'CallExpression':
      if (value.callee.type !== 'Identifier') return undefined;
      return value.callee.name === 'BigInt' ? { k: 'prim', name: 'bigint' } : value.callee.name === 'Symbol' ? { k: 'prim', name: 'symbol' } : undefined;
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return { k: 'ref', name: 'Function' };
    default:
      return undefined;
  }
}

/** The type of a value written as a literal: `null`, `'pdf'`, `-1`, `true`, a template, `new Date()`; undefined for anything else. */
function getLiteralShape(node: Node): TypeShape | undefined {
  const value = withoutTypeAssertions(node);
  const number = getStaticNumber(value);
  if (number !== undefined) return { k: 'lit', value: number };
  if (value.type === 'Literal') {
    if (value.value === null && !('regex' in value && value.regex) && !('bigint' in value && value.bigint)) return { k: 'prim', name: 'null' };
    return typeof value.value === 'string' || typeof value.value === 'boolean' ? { k: 'lit', value: value.value } : undefined;
  }
  if (value.type === 'TemplateLiteral') return { k: 'prim', name: 'string' };
  if (value.type === 'NewExpression' && value.callee.type === 'Identifier' && value.callee.name === 'Date') return { k: 'ref', name: 'Date' };
  return undefined;
}

/** Object literals nested this deep in a payload are read for their keys at most. */
const MAX_NESTED_KEYS_DEPTH = 4;

/** `{ payload: { projectId, traceIds } }`: the keys of each object literal inside, by dotted path; one with a spread is left out. */
function getNestedKeys(object: TSESTree.ObjectExpression, prefix: string, out: Record<string, string[]>, depth: number): Record<string, string[]> {
  if (depth >= MAX_NESTED_KEYS_DEPTH) return out;
  for (const property of object.properties) {
    if (property.type !== 'Property' || property.computed || property.value.type !== 'ObjectExpression') continue;
    const inner = property.value;
    if (!inner.properties.every((p) => p.type === 'Property' && !p.computed)) continue;
    const path = `${prefix}${getPropertyKeyName(property.key)}`;
    if (path === '__proto__') continue;
    out[path] = inner.properties.map((p) => getPropertyKeyName((p as TSESTree.Property).key));
    getNestedKeys(inner, `${path}.`, out, depth + 1);
  }
  return out;
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

