/**
 * Named types inside payload fields, replaced by their structure where the project declares
 * them: `payload: IngestionEvent` becomes the object of `IngestionEvent`'s fields (an interface,
 * a type alias, `z.infer<typeof Schema>`), so that a field added or removed deep in a payload is
 * compared, across files and packages. A name that cannot be resolved stays a reference, which
 * compares as unknown against anything but the same name.
 */
import type { Member } from '../model/facts.js';
import type { TypeShape } from '../model/type-shape.js';

/** A payload field with the file that declares it (resolver.ts's PayloadField). */
type PayloadField = Member & { file?: string };

/** Named types nested deeper than this stay references (a type that contains itself). */
const MAX_DEPTH = 6;

/** Global types compared by name: never looked up in the project. */
const GLOBALS = new Set(['Date', 'RegExp', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Buffer', 'URL', 'Uint8Array', 'Promise', 'Array', 'Record', 'Object']);

export type LookupType = (file: string, name: string) => { file: string; fields: PayloadField[] } | undefined;

export function expandFieldShapes(fields: PayloadField[], file: string, lookup: LookupType): PayloadField[] {
  return fields.map((field) => (field.shape && hasReference(field.shape) ? { ...field, shape: expand(field.shape, field.file ?? file, lookup, 0, []) } : field));
}

function hasReference(shape: TypeShape): boolean {
  switch (shape.k) {
    case 'ref':
      return !GLOBALS.has(shape.name);
    case 'union':
    case 'tuple':
      return shape.of.some(hasReference);
    case 'array':
      return hasReference(shape.of);
    case 'record':
      return hasReference(shape.value);
    case 'object':
      return Object.values(shape.fields).some((field) => hasReference(field.type));
    default:
      return false;
  }
}

function expand(shape: TypeShape, file: string, lookup: LookupType, depth: number, visiting: string[]): TypeShape {
  if (depth > MAX_DEPTH) return shape;
  const next = (inner: TypeShape) => expand(inner, file, lookup, depth + 1, visiting);
  switch (shape.k) {
    case 'ref': {
      const key = `${file}#${shape.name}`;
      if (shape.args || GLOBALS.has(shape.name) || visiting.includes(key)) return shape;
      const resolved = lookup(file, shape.name);
      if (!resolved) return shape;
      const fields: Extract<TypeShape, { k: 'object' }>['fields'] = {};
      for (const field of resolved.fields) {
        if (field.name === '__proto__') continue;
        const type = field.shape ? expand(field.shape, field.file ?? resolved.file, lookup, depth + 1, [...visiting, key]) : { k: 'opaque' as const };
        fields[field.name] = { type, optional: field.optionality !== 'required' };
      }
      return { k: 'object', fields };
    }
    case 'union':
      return { k: 'union', of: shape.of.map(next) };
    case 'tuple':
      return { k: 'tuple', of: shape.of.map(next) };
    case 'array':
      return { k: 'array', of: next(shape.of) };
    case 'record':
      return { k: 'record', value: next(shape.value) };
    case 'object':
      return { k: 'object', fields: Object.fromEntries(Object.entries(shape.fields).map(([name, field]) => [name, { type: next(field.type), optional: field.optional }])) };
    default:
      return shape;
  }
}
