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
export function getReceiverBinding(files: ReadonlyMap<string, FileFacts>, resolver: ProjectResolver, file: string, path: string[]): { types: string[]; name?: string } | undefined {
  const head = path[0]!;
  if (head.startsWith('new ')) return { types: [head.slice(4)] };
  const key = head === 'this' ? (path.length === 2 ? `this.${path[1]}` : undefined) : path.length === 1 ? head : undefined;
  const local = key === undefined ? undefined : getOwn(files.get(file)?.bindings, key);
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
