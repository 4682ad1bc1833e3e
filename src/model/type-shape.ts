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
  | { k: 'ref'; name: string; args?: TypeShape[] }
  /** The type a zod schema held by a module-level value infers (`z.infer<typeof Team>`, `team: Team` in a schema), by its reference path. */
  | { k: 'schema'; path: string[] }
  /** An intersection with a part not evaluated yet (`Base & { note?: string }`): unknown until its parts are objects. */
  | { k: 'and'; of: TypeShape[] }
  /** `typeof X` of a module-level value (`value`), or `(typeof X)[keyof typeof X]`, the union of its values (`values`). */
  | { k: 'valueof'; path: string[]; of: 'value' | 'values' };

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
  if (source.k === 'and' || target.k === 'and') return undefined;
  if (source.k === 'schema' || target.k === 'schema') {
    return source.k === 'schema' && target.k === 'schema' && source.path.join('.') === target.path.join('.') ? true : undefined;
  }
  if (source.k === 'valueof' || target.k === 'valueof') {
    return source.k === 'valueof' && target.k === 'valueof' && source.of === target.of && source.path.join('.') === target.path.join('.') ? true : undefined;
  }
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

type Fields = Extract<TypeShape, { k: 'object' }>['fields'];

/** A shape that stands for a name still to be resolved with the project (resolve/payload-shapes.ts). */
function isUnevaluated(shape: TypeShape): boolean {
  return shape.k === 'ref' || shape.k === 'and' || shape.k === 'schema' || shape.k === 'valueof';
}

/**
 * `A & B`: one object with the fields of both when every part is an object; an `and` to
 * evaluate later when a part is a name not resolved yet; unknown otherwise.
 */
export function intersect(members: TypeShape[]): TypeShape {
  const fields: Fields = {};
  for (const member of members) {
    if (isUnevaluated(member)) return { k: 'and', of: members };
    if (member.k !== 'object') return { k: 'opaque' };
    for (const [name, field] of Object.entries(member.fields)) {
      // The same field on both sides: a value must satisfy both, which only a single declaration says simply.
      if (Object.hasOwn(fields, name)) return { k: 'opaque' };
      fields[name] = field;
    }
  }
  return { k: 'object', fields };
}

const UTILITIES = new Set(['Readonly', 'NonNullable', 'Partial', 'Required', 'Pick', 'Omit']);

/**
 * The utility types that reshape an object (`Partial`, `Required`, `Readonly`, `Pick`, `Omit`,
 * `NonNullable`) applied to their arguments: the result when the argument is evaluated, the
 * reference itself when it is a name to resolve first, undefined for any other name.
 */
export function applyUtility(name: string, args: TypeShape[]): TypeShape | undefined {
  if (!UTILITIES.has(name)) return undefined;
  const [first, second] = args;
  if (!first) return { k: 'opaque' };
  if (isUnevaluated(first)) return { k: 'ref', name, args };
  switch (name) {
    case 'Readonly':
      return first;
    case 'NonNullable':
      return withoutNull(first);
    case 'Partial':
    case 'Required':
      return first.k === 'object' ? { k: 'object', fields: withOptionality(first.fields, name === 'Partial') } : { k: 'opaque' };
    default: {
      const keys = second ? getLiteralKeys(second) : undefined;
      if (first.k !== 'object' || !keys) return { k: 'opaque' };
      const kept = Object.entries(first.fields).filter(([field]) => keys.has(field) === (name === 'Pick'));
      return { k: 'object', fields: Object.fromEntries(kept) };
    }
  }
}

function withOptionality(fields: Fields, optional: boolean): Fields {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, { type: field.type, optional }]));
}

/** The string literal keys a shape stands for (`'a' | 'b'`), or undefined when it is anything else. */
export function getLiteralKeys(shape: TypeShape): Set<string> | undefined {
  const members = shape.k === 'union' ? shape.of : [shape];
  return members.every((member) => member.k === 'lit' && typeof member.value === 'string')
    ? new Set(members.map((member) => String((member as { value: string }).value)))
    : undefined;
}

function withoutNull(shape: TypeShape): TypeShape {
  if (shape.k === 'union') return { k: 'union', of: shape.of.filter((member) => !(member.k === 'prim' && member.name === 'null')) };
  return shape.k === 'prim' && shape.name === 'null' ? { k: 'prim', name: 'never' } : shape;
}

/** A shape written as TypeScript writes the type, for messages: `{ id: string; note?: 'a'|'b' }`. */
export function formatShape(shape: TypeShape, depth = 0): string {
  if (depth > MAX_DEPTH) return 'unknown';
  const inner = (member: TypeShape) => formatShape(member, depth + 1);
  switch (shape.k) {
    case 'opaque':
    case 'unknown':
      return 'unknown';
    case 'any':
      return 'any';
    case 'prim':
      return shape.name;
    case 'lit':
      return typeof shape.value === 'string' ? `'${shape.value}'` : String(shape.value);
    case 'union':
      return shape.of.map(inner).join('|');
    case 'array': {
      const element = inner(shape.of);
      return /[|&]/.test(element) ? `(${element})[]` : `${element}[]`;
    }
    case 'tuple':
      return `[${shape.of.map(inner).join(', ')}]`;
    case 'record':
      return `Record<string, ${inner(shape.value)}>`;
    case 'object':
      return `{ ${Object.entries(shape.fields).map(([name, field]) => `${name}${field.optional ? '?' : ''}: ${inner(field.type)}`).join('; ')} }`;
    case 'ref':
      return shape.args ? `${shape.name}<${shape.args.map(inner).join(', ')}>` : shape.name;
    case 'schema':
      return `z.infer<typeof ${shape.path.join('.')}>`;
    case 'and':
      return shape.of.map(inner).join(' & ');
    case 'valueof': {
      const name = shape.path.join('.');
      return shape.of === 'value' ? `typeof ${name}` : `(typeof ${name})[keyof typeof ${name}]`;
    }
  }
}
