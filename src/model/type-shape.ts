/**
 * The structure of a payload member's type, read from its annotation (adapters/shared/
 * type-shapes.ts) and compared by assignability rather than as text: `Record<string, any>` and
 * `Record<string, unknown>` accept the same values, and a union that keeps every old member is
 * a widening. What the reader cannot evaluate is `opaque`, and an opaque type never makes a
 * finding, in either version. Plain JSON data, so shapes are cached with the facts and written
 * into snapshots.
 */

export type Primitive = 'string' | 'number' | 'boolean' | 'null' | 'bigint' | 'symbol' | 'object' | 'never';

export type TypeShape =
  /** Not evaluated (a type of another module, a conditional type, a generic parameter): unknown. */
  | { k: 'opaque' }
  | { k: 'any' }
  /** TypeScript's `unknown`: accepts everything, and as an old type means anything may arrive. */
  | { k: 'unknown' }
  | { k: 'prim'; name: Primitive }
  | { k: 'lit'; value: string | number | boolean }
  | { k: 'union'; of: TypeShape[] }
  | { k: 'array'; of: TypeShape }
  | { k: 'tuple'; of: TypeShape[] }
  | { k: 'record'; value: TypeShape }
  | { k: 'object'; fields: Record<string, { type: TypeShape; optional: boolean }> }
  /** A named type not evaluated here; two references to one name with the same arguments are the same type. */
  | { k: 'ref'; name: string; args?: TypeShape[] };

/** Global types whose values JSON cannot confuse with a primitive: `Date` to `string` is a change. */
const NOMINAL = new Set(['Date', 'RegExp', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Buffer', 'URL', 'Uint8Array', 'Promise']);

/** Shapes nested deeper than this are compared as unknown (a type that refers to itself, a huge literal). */
const MAX_DEPTH = 12;

/**
 * Whether every value of `source` is a value of `target`: true, false, or undefined when it
 * cannot be known (an opaque part on the way decides nothing). `undefined` members are left
 * out on both sides: optionality is compared apart.
 */
export function isAssignable(source: TypeShape, target: TypeShape, depth = 0): boolean | undefined {
  if (depth > MAX_DEPTH || !isShape(source) || !isShape(target)) return undefined;
  if (target.k === 'any' || target.k === 'unknown') return true;
  if (source.k === 'opaque' || target.k === 'opaque' || source.k === 'any') return undefined;
  if (source.k === 'prim' && source.name === 'never') return true;
  if (source.k === 'union') return all(source.of.map((member) => isAssignable(member, target, depth + 1)));
  if (source.k === 'prim' && source.name === 'boolean' && target.k === 'union') {
    return isAssignable({ k: 'union', of: [{ k: 'lit', value: true }, { k: 'lit', value: false }] }, target, depth + 1);
  }
  if (target.k === 'union') return some(target.of.map((member) => isAssignable(source, member, depth + 1)));
  if (source.k === 'unknown') return false;
  return isAssignableMember(source, target, depth);
}

function isAssignableMember(source: TypeShape, target: TypeShape, depth: number): boolean | undefined {
  if (source.k === 'ref' || target.k === 'ref') return isAssignableRef(source, target, depth);
  switch (target.k) {
    case 'prim':
      if (source.k === 'prim') return source.name === target.name;
      if (source.k === 'lit') return typeof source.value === target.name;
      return target.name === 'object' && ['array', 'tuple', 'record', 'object'].includes(source.k);
    case 'lit':
      return source.k === 'lit' && source.value === target.value;
    case 'array':
      if (source.k === 'array') return isAssignable(source.of, target.of, depth + 1);
      if (source.k === 'tuple') return all(source.of.map((element) => isAssignable(element, target.of, depth + 1)));
      return false;
    case 'tuple':
      if (source.k !== 'tuple') return false;
      if (source.of.length !== target.of.length) return false;
      return all(source.of.map((element, index) => isAssignable(element, target.of[index]!, depth + 1)));
    case 'record':
      if (source.k === 'record') return isAssignable(source.value, target.value, depth + 1);
      if (source.k === 'object') return all(Object.values(source.fields).map((field) => isAssignable(field.type, target.value, depth + 1)));
      return false;
    case 'object':
      if (source.k === 'object') return isObjectAssignable(source.fields, target.fields, depth);
      if (source.k === 'record') {
        return all(Object.values(target.fields).map((field) => (field.optional ? isAssignable(source.value, field.type, depth + 1) : false)));
      }
      return false;
    default:
      return undefined;
  }
}

function isObjectAssignable(
  source: Extract<TypeShape, { k: 'object' }>['fields'],
  target: Extract<TypeShape, { k: 'object' }>['fields'],
  depth: number,
): boolean | undefined {
  const verdicts: Array<boolean | undefined> = [];
  for (const [name, field] of Object.entries(target)) {
    const own = Object.hasOwn(source, name) ? source[name] : undefined;
    if (!own) verdicts.push(field.optional);
    else verdicts.push(own.optional && !field.optional ? false : isAssignable(own.type, field.type, depth + 1));
  }
  return all(verdicts);
}

/** Named types: the same name and arguments are the same type; a global like `Date` differs from any primitive; the rest is unknown. */
function isAssignableRef(source: TypeShape, target: TypeShape, depth: number): boolean | undefined {
  if (source.k === 'ref' && target.k === 'ref') {
    if (source.name !== target.name) return NOMINAL.has(source.name) && NOMINAL.has(target.name) ? false : undefined;
    const a = source.args ?? [];
    const b = target.args ?? [];
    if (a.length !== b.length) return undefined;
    return all(a.map((arg, index) => isAssignable(arg, b[index]!, depth + 1)));
  }
  const ref = (source.k === 'ref' ? source : target) as Extract<TypeShape, { k: 'ref' }>;
  const other = source.k === 'ref' ? target : source;
  return NOMINAL.has(ref.name) && (other.k === 'prim' || other.k === 'lit') ? false : undefined;
}

function all(verdicts: Array<boolean | undefined>): boolean | undefined {
  if (verdicts.includes(false)) return false;
  return verdicts.includes(undefined) ? undefined : true;
}

function some(verdicts: Array<boolean | undefined>): boolean | undefined {
  if (verdicts.includes(true)) return true;
  return verdicts.includes(undefined) ? undefined : false;
}

/** A shape from a snapshot may be anything: only the forms this module writes are compared. */
function isShape(value: unknown): value is TypeShape {
  return typeof value === 'object' && value !== null && typeof (value as { k?: unknown }).k === 'string';
}

/**
 * A value of `source` that `target` rejects, written as code (`"text"`, `null`, `{}`), for
 * messages; undefined when none is known.
 */
export function getRejectedExample(source: TypeShape, target: TypeShape, depth = 0): string | undefined {
  if (depth > MAX_DEPTH || !isShape(source)) return undefined;
  if (source.k === 'union') {
    for (const member of source.of) {
      if (isAssignable(member, target) === false) return getRejectedExample(member, target, depth + 1);
    }
    return undefined;
  }
  switch (source.k) {
    case 'lit':
      return JSON.stringify(source.value);
    case 'prim':
      return { string: '"text"', number: '0', boolean: 'true', null: 'null', bigint: '0n', symbol: undefined, object: '{}', never: undefined }[source.name];
    case 'unknown':
      return target.k === 'prim' && target.name === 'string' ? '0' : '"text"';
    case 'array':
    case 'tuple':
      return '[…]';
    case 'record':
    case 'object':
      return '{ … }';
    case 'ref':
      return source.name === 'Date' ? 'new Date()' : undefined;
    default:
      return undefined;
  }
}
