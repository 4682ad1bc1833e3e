/**
 * Syntax readers shared by every adapter: spans, names and reference paths, call arguments,
 * import and export bindings.
 */
import type { TypeShape } from '../../model/type-shape.js';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ArgumentsFact, ImportBinding, NameRef, ReExportFact, SourceSpan } from '../../model/facts.js';
import { setOwn } from '../../model/records.js';

export type Node = TSESTree.Node;

export interface SyntaxContext {
  text: string;
  /** JavaScript files get `= undefined` instead of `?` as their transitional form. */
  isJavaScript: boolean;
  /**
   * The bodies of the classes the traversal has entered so far, outermost first: a class encloses
   * every node met after it within its range (`this.handle` names one of its methods).
   */
  classBodies?: TSESTree.ClassBody[];
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

export function isFunctionNode(node: Node | null | undefined): node is TSESTree.FunctionLike {
  return (
    node?.type === 'FunctionExpression' ||
    node?.type === 'ArrowFunctionExpression' ||
    node?.type === 'TSEmptyBodyFunctionExpression' ||
    node?.type === 'FunctionDeclaration'
  );
}

export function addImportBindings(node: TSESTree.ImportDeclaration, imports: Record<string, ImportBinding>): void {
  for (const specifier of node.specifiers) {
    if (specifier.type === 'ImportSpecifier') {
      const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
      setOwn(imports, specifier.local.name, { source: node.source.value, imported });
    } else if (specifier.type === 'ImportDefaultSpecifier') {
      setOwn(imports, specifier.local.name, { source: node.source.value, imported: 'default' });
    } else {
      setOwn(imports, specifier.local.name, { source: node.source.value, imported: '*' });
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
      setOwn(imports, property.value.name, { source: source.value, imported: property.key.name });
    }
  }
}

/** `export { a as b } from './a'`, `export * from './a'`, `export * as ns from './a'`. */
export function addReExports(node: TSESTree.ExportNamedDeclaration | TSESTree.ExportAllDeclaration, reExports: ReExportFact[]): void {
  if (!node.source) return;
  const source = node.source.value;
  if (node.type === 'ExportAllDeclaration') {
    const exported = node.exported ? getModuleExportName(node.exported) : '*';
    reExports.push({ source, imported: '*', exported });
    return;
  }
  for (const specifier of node.specifiers) {
    reExports.push({ source, imported: getModuleExportName(specifier.local), exported: getModuleExportName(specifier.exported) });
  }
}

function getModuleExportName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

export function addExportAliases(node: TSESTree.ExportNamedDeclaration, aliases: Record<string, string>, names?: string[]): void {
  if (node.source) return;
  for (const specifier of node.specifiers) {
    const local = specifier.local.name;
    const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : String(specifier.exported.value);
    if (local !== exported) setOwn(aliases, exported, local);
    names?.push(exported);
  }
}

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
  return fact;
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

/** A property's key when it is known without running the code: `a`, `'a'`, `['a']`; undefined for `[expr]`. */
export function getStaticKey(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === 'Identifier') return property.key.name;
  return getStaticString(property.key);
}

/** `x as T`, `x satisfies T`, `x!`: the expression beneath the type assertions. */
export function withoutTypeAssertions(node: TSESTree.Expression): TSESTree.Expression;
export function withoutTypeAssertions(node: Node): Node;
export function withoutTypeAssertions(node: Node): Node {
  let current = node;
  while (current.type === 'TSAsExpression' || current.type === 'TSSatisfiesExpression' || current.type === 'TSNonNullExpression') current = current.expression;
  return current;
}

/** `Queue` in `q: Queue<Data>` and `bullmq.Queue`: the last name of a type reference. */
export function getTypeReferenceName(node: TSESTree.TypeNode | undefined): string | undefined {
  if (node?.type !== 'TSTypeReference') return undefined;
  const path = getEntityPath(node.typeName);
  return path?.[path.length - 1];
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

/** A number written as a literal, negative ones included (`3`, `-1`); undefined for anything else. */
export function getStaticNumber(node: Node): number | undefined {
  if (node.type === 'Literal' && typeof node.value === 'number') return node.value;
  return node.type === 'UnaryExpression' && node.operator === '-' && node.argument.type === 'Literal' && typeof node.argument.value === 'number' ? -node.argument.value : undefined;
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

/** A type-level name as a path: `Schema` → ['Schema'], `ns.Schema` → ['ns', 'Schema']; undefined for `import('x')` types. */
export function getEntityPath(node: TSESTree.EntityName | TSESTree.TSImportType): string[] | undefined {
  if (node.type === 'Identifier') return [node.name];
  if (node.type === 'TSQualifiedName') {
    const left = getEntityPath(node.left);
    return left ? [...left, node.right.name] : undefined;
  }
  return undefined;
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

/** `boss`, `this.boss`, `app.queues.email`: the object a method is called on, as a path (`this` kept). */
export function getReceiverPath(node: TSESTree.Expression): string[] | undefined {
  if (node.type === 'ThisExpression') return ['this'];
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = node.object.type === 'ThisExpression' ? ['this'] : getReceiverPath(node.object);
    return object ? [...object, node.property.name] : undefined;
  }
  if (node.type === 'NewExpression' && node.callee.type === 'Identifier') return [`new ${node.callee.name}`];
  // `getExportQueue().add(...)`, `ExportQueue.getInstance()?.add(...)`: a getter's result, its last segment marked `()`.
  if (node.type === 'CallExpression' && node.arguments.length === 0) {
    const callee = getReferencePath(node.callee);
    return callee ? [...callee.slice(0, -1), `${callee[callee.length - 1]}()`] : undefined;
  }
  // `getQueue(QueueName.Export).add(...)`, `queues.get('email').add(...)`: a factory's result, marked `(…)`; its argument names it (getFactoryName).
  if (node.type === 'CallExpression' && node.arguments.length === 1) {
    const callee = getReferencePath(node.callee);
    return callee ? [...callee.slice(0, -1), `${callee[callee.length - 1]}(…)`] : undefined;
  }
  return getReferencePath(node);
}

/** The value of a plain key of an object literal. */
export function getObjectProperty(node: TSESTree.ObjectExpression, key: string): TSESTree.Expression | undefined {
  for (const property of node.properties) {
    if (property.type !== 'Property' || property.computed) continue;
    const name = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : undefined;
    if (name === key) return property.value as TSESTree.Expression;
  }
  return undefined;
}

/** The value at a dotted key path of nested object literals (`trigger.name`), through `as const` and `satisfies`. */
export function getObjectPath(node: TSESTree.ObjectExpression, path: string): TSESTree.Expression | undefined {
  let current: TSESTree.Expression | undefined = node;
  for (const key of path.split('.')) {
    const inner = current && withoutTypeAssertions(current);
    if (inner?.type !== 'ObjectExpression') return undefined;
    // A method shorthand (`async handler({ payload }) {}`) is a property whose value is the function.
    current = getObjectProperty(inner, key);
  }
  return current;
}

const ITERATORS = new Set(['forEach', 'map', 'flatMap']);

/** Functions nested deeper than this between a call and the iteration that names it are not followed. */
const MAX_ITERATION_DEPTH = 12;

/**
 * `[SEND, DIGEST].forEach((name) => queue.add(name, {}))`: the names a callback's parameter takes,
 * when the parameter is iterated over an array literal of names. Walks up from the call being
 * read (whose ancestors the traversal has entered, so their parent pointers are set).
 */
export function getIteratedNames(name: TSESTree.Identifier, call: TSESTree.Node): NameRef[] | undefined {
  let current: TSESTree.Node | undefined = call.parent;
  for (let depth = 0; current && depth < MAX_ITERATION_DEPTH; depth++, current = current.parent) {
    if (current.type !== 'ArrowFunctionExpression' && current.type !== 'FunctionExpression') continue;
    const first = current.params[0];
    if (first?.type !== 'Identifier' || first.name !== name.name) {
      // Another parameter of that name binds it here: it is not the iterated one.
      if (current.params.some((param) => param.type === 'Identifier' && param.name === name.name)) return undefined;
      continue;
    }
    const iteration = current.parent;
    if (iteration?.type !== 'CallExpression' || iteration.arguments[0] !== current || iteration.callee.type !== 'MemberExpression') return undefined;
    const method = iteration.callee.property;
    if (iteration.callee.computed || method.type !== 'Identifier' || !ITERATORS.has(method.name)) return undefined;
    const list = withoutTypeAssertions(iteration.callee.object);
    if (list.type !== 'ArrayExpression' || list.elements.length === 0) return undefined;
    const names = list.elements.map((element) => (element && element.type !== 'SpreadElement' ? getNameRef(element) : undefined));
    return names.every((entry) => entry !== undefined) ? (names as NameRef[]) : undefined;
  }
  return undefined;
}

/**
 * The items of a list of requests: the elements of an array literal, or the object a `.map`
 * (`.flatMap`) callback returns for each element (`ids.map((id) => ({ name: 'digest', data: { id } }))`),
 * which stands for every item alike. Undefined when the list is written any other way.
 */
export function getListItems(node: Node | null | undefined): Array<TSESTree.Expression | TSESTree.SpreadElement | null> | undefined {
  const list = node && withoutTypeAssertions(node);
  if (!list) return undefined;
  if (list.type === 'ArrayExpression') return list.elements;
  if (list.type !== 'CallExpression' || list.callee.type !== 'MemberExpression' || list.callee.computed || list.callee.property.type !== 'Identifier') return undefined;
  const method = list.callee.property.name;
  const callback = list.arguments[0];
  if ((method !== 'map' && method !== 'flatMap') || (callback?.type !== 'ArrowFunctionExpression' && callback?.type !== 'FunctionExpression')) return undefined;
  const returned = getReturnedExpression(callback);
  if (!returned) return undefined;
  const value = withoutTypeAssertions(returned);
  if (method === 'flatMap' && value.type === 'ArrayExpression') return value.elements;
  return value.type === 'ObjectExpression' ? [value] : undefined;
}

/** What a callback returns: its expression body, or the argument of its only top-level `return`. */
function getReturnedExpression(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): TSESTree.Expression | undefined {
  if (fn.body.type !== 'BlockStatement') return fn.body;
  const returns = fn.body.body.filter((statement): statement is TSESTree.ReturnStatement => statement.type === 'ReturnStatement');
  return returns.length === 1 && returns[0]!.argument ? returns[0]!.argument : undefined;
}

/**
 * The name a factory is given, where the receiver is a call of one whose path says what it makes
 * (`getQueue(QueueName.Export)`, `queues.get('email')`, for `kind` 'queue'): what the object it
 * returns is for. Undefined for any other receiver, or a name that cannot be read.
 */
export function getFactoryName(receiver: TSESTree.Expression, kind: string): NameRef | undefined {
  const call = withoutTypeAssertions(receiver);
  if (call.type !== 'CallExpression' || call.arguments.length !== 1) return undefined;
  const path = getReferencePath(call.callee);
  if (!path?.some((segment) => segment.toLowerCase().includes(kind))) return undefined;
  const arg = call.arguments[0]!;
  return arg.type === 'SpreadElement' ? undefined : getNameRef(arg);
}
