/**
 * Syntax readers shared by every adapter: spans, names and reference paths, import and export
 * bindings. A call's job arguments are read in arguments.ts.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ImportBinding, NameRef, ReExportFact, SourceSpan } from '../../model/facts.js';
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
