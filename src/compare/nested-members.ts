/**
 * Members of objects nested in a payload member's type (`team: { name; settings?: {...} }`),
 * paired between two versions by their dotted path, so that a field added or removed deep in a
 * payload is reported as the field it is rather than as a retyped parent.
 */
import type { TypeShape } from '../model/type-shape.js';

type ObjectShape = Extract<TypeShape, { k: 'object' }>;

export interface NestedMember {
  /** Dotted from the payload member: `team.settings.includeCertificate`. */
  path: string;
  optional: boolean;
}

export interface NestedChanges {
  added: NestedMember[];
  removed: NestedMember[];
}

/** Nested objects deeper than this are not compared. */
const MAX_DEPTH = 8;

export function getNestedChanges(name: string, previous: TypeShape, current: TypeShape): NestedChanges {
  const changes: NestedChanges = { added: [], removed: [] };
  collect(name, previous, current, changes, 0);
  return changes;
}

function collect(path: string, previous: TypeShape, current: TypeShape, changes: NestedChanges, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const pair = getComparableObjects(previous, current);
  if (!pair) return;
  for (const [key, field] of Object.entries(pair.current.fields)) {
    const old = Object.hasOwn(pair.previous.fields, key) ? pair.previous.fields[key] : undefined;
    if (!old) changes.added.push({ path: `${path}.${key}`, optional: field.optional });
    else collect(`${path}.${key}`, old.type, field.type, changes, depth + 1);
  }
  for (const [key, field] of Object.entries(pair.previous.fields)) {
    if (!Object.hasOwn(pair.current.fields, key)) changes.removed.push({ path: `${path}.${key}`, optional: field.optional });
  }
}

/**
 * The object each version holds at the same place: the object itself, the one object of a
 * union with `null` or literals (`{...} | null`), or an array's element. Undefined when the
 * two do not line up (a union of two objects: which pairs with which is not known).
 */
function getComparableObjects(previous: TypeShape, current: TypeShape): { previous: ObjectShape; current: ObjectShape } | undefined {
  if (previous.k === 'array' && current.k === 'array') return getComparableObjects(previous.of, current.of);
  const a = getSingleObject(previous);
  const b = getSingleObject(current);
  return a && b ? { previous: a, current: b } : undefined;
}

/** The object a shape is, or the one object of a union with `null` or literals. */
export function getSingleObject(shape: TypeShape): ObjectShape | undefined {
  if (shape.k === 'object') return shape;
  if (shape.k !== 'union') return undefined;
  const objects = shape.of.filter((member) => member.k === 'object');
  return objects.length === 1 && shape.of.every((member) => member.k === 'object' || member.k === 'prim' || member.k === 'lit') ? (objects[0] as ObjectShape) : undefined;
}

/**
 * The current type without the nested fields the previous one lacks: what is left to compare
 * once added fields are reported on their own (a new required field is not also a retyped parent).
 */
export function withoutAddedMembers(previous: TypeShape, current: TypeShape, depth = 0): TypeShape {
  if (depth > MAX_DEPTH) return current;
  if (previous.k === 'array' && current.k === 'array') return { k: 'array', of: withoutAddedMembers(previous.of, current.of, depth + 1) };
  const pair = getComparableObjects(previous, current);
  if (!pair) return current;
  const fields: ObjectShape['fields'] = {};
  for (const [key, field] of Object.entries(pair.current.fields)) {
    const old = Object.hasOwn(pair.previous.fields, key) ? pair.previous.fields[key] : undefined;
    if (old) fields[key] = { type: withoutAddedMembers(old.type, field.type, depth + 1), optional: field.optional };
  }
  const stripped: ObjectShape = { k: 'object', fields };
  if (current.k === 'object') return stripped;
  if (current.k !== 'union') return current;
  return { k: 'union', of: current.of.map((member) => (member === pair.current ? stripped : member)) };
}
