/** Which object a method is called on, resolved across files: what the receivers of enqueue calls are bound to. */
import type { FileFacts } from '../../model/facts.js';
import type { ProjectResolver } from '../../resolve/resolver.js';
import type { ReceiverConstraint } from '../kind.js';
import { getOwn } from '../../model/records.js';

/**
 * Whether a method is called on an object the constraint accepts: a name that contains one of
 * its names, or an object bound to one of its types (here or in a relative module).
 */
export function isReceiver(files: ReadonlyMap<string, FileFacts>, resolver: ProjectResolver, file: string, path: string[] | undefined, constraint: ReceiverConstraint): boolean {
  if (!path) return false;
  const names = constraint.names.map((name) => name.toLowerCase());
  if (path.some((segment) => names.some((name) => segment.toLowerCase().includes(name)))) return true;
  return getReceiverBinding(files, resolver, file, path)?.types.some((type) => constraint.types.includes(type)) ?? false;
}

/** What a receiver path is bound to: `new Queue('email')` here or in an imported module, `q: Queue`, `@InjectQueue('email') q`. */
export function getReceiverBinding(files: ReadonlyMap<string, FileFacts>, resolver: ProjectResolver, file: string, path: string[], depth = 0): { types: string[]; name?: string } | undefined {
  const head = path[0]!;
  if (head.startsWith('new ')) return { types: [head.slice(4)] };
  if (path[path.length - 1]!.endsWith('()')) return depth > MAX_GETTERS ? undefined : getMadeByGetter(files, resolver, file, path);
  const key = head === 'this' ? (path.length === 2 ? `this.${path[1]}` : undefined) : path.length === 1 ? head : undefined;
  const local = key === undefined ? undefined : getOwn(files.get(file)?.bindings, key);
  if (local?.madeBy) return getReceiverBinding(files, resolver, file, local.madeBy, depth + 1);
  if (local) {
    const name = local.name && resolver.resolveName(file, local.name);
    return name === undefined ? { types: local.types } : { types: local.types, name };
  }
  if (head === 'this') return undefined;
  const value = resolver.resolveValue(file, path);
  if (value?.value.kind !== 'instance') return undefined;
  const name = value.value.name && resolver.resolveName(value.file, value.value.name);
  return name === undefined ? { types: [value.value.callee] } : { types: [value.value.callee], name };
}

/** Getters returning getters are followed this far. */
const MAX_GETTERS = 4;

/**
 * What a getter returns (`getExportQueue()`, `ExportQueue.getInstance()`): the one receiver
 * object a module-level function, or a class's static method, makes (`new Queue(QueueName.Export)`
 * in its body, as singletons are written). Undefined when it makes none or several.
 */
function getMadeByGetter(files: ReadonlyMap<string, FileFacts>, resolver: ProjectResolver, file: string, path: string[]): { types: string[]; name?: string } | undefined {
  const callee = [...path.slice(0, -1), path[path.length - 1]!.slice(0, -2)];
  if (callee[0] === 'this') return undefined;
  let range: { file: string; start: number; end: number } | undefined;
  const fn = resolver.resolveFunction(file, callee);
  if (fn) range = { file: fn.file, start: fn.fn.span.range[0], end: fn.fn.span.range[1] };
  else if (callee.length === 2) {
    const cls = resolver.resolveClass(file, callee[0]!);
    if ('cls' in cls && cls.cls.declarationEnd !== undefined) range = { file: cls.file, start: cls.cls.span.range[0], end: cls.cls.declarationEnd };
  }
  if (!range) return undefined;
  const { file: where, start, end } = range;
  const made = (files.get(where)?.constructions ?? []).filter((construction) => construction.offset >= start && construction.offset < end);
  const names = new Set(made.map((construction) => resolver.resolveName(where, construction.name)));
  if (made.length === 0 || names.size !== 1) return undefined;
  const [name] = names;
  return name === undefined ? { types: [made[0]!.type] } : { types: [made[0]!.type], name };
}
