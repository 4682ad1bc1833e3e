/**
 * Named types inside payload members, replaced by their structure where the project declares
 * them: `payload: IngestionEvent` becomes the object of `IngestionEvent`'s fields (an interface,
 * a type alias, `z.infer<typeof Schema>`), `format: ExportFormat` the union an alias or an enum
 * stands for, `Scoped<Export>` its generic declaration with `Export` in place of its parameter,
 * and `Omit<Base, 'x'> & { y?: string }` the object it makes once `Base` is known, across files
 * and packages. A name that cannot be resolved stays a reference, which compares as unknown
 * against anything but the same name.
 */
import type { Member, SourceSpan, TypeDeclFact, ValueFact } from '../model/facts.js';
import { applyUtility, formatShape, intersect, type TypeShape } from '../model/type-shape.js';

/** A payload field, with the file that declares it when that is not the payload type's own file. */
export type PayloadField = Member & { file?: string };

/** What expansion asks the project model. */
export interface ShapeLookup {
  /** A type name's declaration as seen from `file`. */
  type(file: string, name: string): { file: string; decl: TypeDeclFact } | undefined;
  /** A declaration's fields, its bases' first, each with the file that declares it. */
  fields(file: string, decl: TypeDeclFact): PayloadField[];
  /** The fields of the zod object schema a module-level value holds. */
  schema(file: string, path: readonly string[]): { file: string; fields: PayloadField[] } | undefined;
  /** The module-level value a path names, references followed. */
  value(file: string, path: readonly string[]): ValueFact | undefined;
}

/** Named types nested deeper than this stay references (a type that contains itself). */
const MAX_DEPTH = 6;

/** Global types compared by name: never looked up in the project. */
const GLOBALS = new Set(['Date', 'RegExp', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Buffer', 'URL', 'Uint8Array', 'Promise', 'Error', 'Function', 'Array', 'Record', 'Object']);

export function expandFieldShapes(fields: PayloadField[], file: string, lookup: ShapeLookup): PayloadField[] {
  return fields.map((field) => (field.shape && needsExpansion(field.shape) ? { ...field, shape: expandShape(field.shape, field.file ?? file, lookup) } : field));
}

/** A shape with every name the project declares replaced by its structure. */
export function expandShape(shape: TypeShape, file: string, lookup: ShapeLookup): TypeShape {
  return new Expansion(lookup).expand(shape, file, 0, [], new Map());
}

/**
 * The fields a declaration read by its structure yields (`type Props = Omit<Base, 'x'> & { y?: string }`),
 * placed at the declaration; undefined when it is not an object.
 */
export function getShapeFields(file: string, decl: TypeDeclFact, lookup: ShapeLookup): PayloadField[] | undefined {
  if (!decl.shape || !decl.span || decl.params) return undefined;
  const shape = expandShape(decl.shape, file, lookup);
  return shape.k === 'object' ? getObjectMembers(shape, decl.span, file) : undefined;
}

function getObjectMembers(shape: Extract<TypeShape, { k: 'object' }>, span: SourceSpan, file: string): PayloadField[] {
  return Object.entries(shape.fields).map(([name, field]) => ({ name, optionality: field.optional ? 'optional' : 'required', type: formatShape(field.type), shape: field.type, span, file }));
}

function needsExpansion(shape: TypeShape): boolean {
  switch (shape.k) {
    case 'ref':
      return !GLOBALS.has(shape.name) || (shape.args ?? []).some(needsExpansion);
    case 'schema':
    case 'and':
    case 'valueof':
      return true;
    case 'union':
    case 'tuple':
      return shape.of.some(needsExpansion);
    case 'array':
      return needsExpansion(shape.of);
    case 'record':
      return needsExpansion(shape.value);
    case 'object':
      return Object.values(shape.fields).some((field) => needsExpansion(field.type));
    default:
      return false;
  }
}

class Expansion {
  constructor(private readonly lookup: ShapeLookup) {}

  /** `bound`: the type parameters of the declaration being expanded, with the arguments they stand for. */
  expand(shape: TypeShape, file: string, depth: number, visiting: readonly string[], bound: ReadonlyMap<string, TypeShape>): TypeShape {
    if (depth > MAX_DEPTH) return shape;
    const next = (inner: TypeShape) => this.expand(inner, file, depth + 1, visiting, bound);
    switch (shape.k) {
      case 'ref':
        return this.expandRef(shape, file, depth, visiting, bound);
      case 'schema':
        return this.expandSchema(shape, file, depth, visiting);
      case 'valueof':
        return getValueShape(this.lookup.value(file, shape.path), shape.of, shape.path.length === 1) ?? shape;
      case 'and':
        return intersect(shape.of.map(next));
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

  private expandRef(shape: Extract<TypeShape, { k: 'ref' }>, file: string, depth: number, visiting: readonly string[], bound: ReadonlyMap<string, TypeShape>): TypeShape {
    const parameter = shape.args ? undefined : bound.get(shape.name);
    if (parameter) return parameter;
    const args = shape.args?.map((arg) => this.expand(arg, file, depth + 1, visiting, bound));
    if (GLOBALS.has(shape.name)) return args ? { k: 'ref', name: shape.name, args } : shape;
    const utility = args && applyUtility(shape.name, args);
    if (utility) return utility;
    const dot = shape.name.indexOf('.');
    if (dot > 0 && !args) return this.getEnumMember(file, shape.name.slice(0, dot), shape.name.slice(dot + 1)) ?? shape;
    const resolved = this.lookup.type(file, shape.name);
    const key = resolved && `${resolved.file}#${resolved.decl.name}`;
    const unresolved: TypeShape = args ? { k: 'ref', name: shape.name, args } : shape;
    if (!resolved || visiting.includes(key!)) return unresolved;
    const { decl } = resolved;
    // A generic is expanded only with as many arguments as it has parameters (defaults are not read).
    if ((decl.params?.length ?? 0) !== (args?.length ?? 0)) return unresolved;
    const params = new Map((decl.params ?? []).map((param, index) => [param, args![index]!]));
    const inner = [...visiting, key!];
    if (decl.schema) return this.expandSchema({ k: 'schema', path: decl.schema }, resolved.file, depth + 1, inner);
    if (decl.shape) return this.expand(decl.shape, resolved.file, depth + 1, inner, params);
    return this.expandMembers(this.lookup.fields(resolved.file, decl), resolved.file, depth, inner, params);
  }

  /**
   * Members declared in `file` (a type's own and inherited fields, a schema's) as one object
   * type, each member's type expanded where it is declared; the declaration's type parameters
   * stand for their arguments in its own members only.
   */
  private expandMembers(members: PayloadField[], file: string, depth: number, visiting: readonly string[], params: ReadonlyMap<string, TypeShape>): TypeShape {
    const fields: Extract<TypeShape, { k: 'object' }>['fields'] = {};
    for (const field of members) {
      if (field.name === '__proto__') continue;
      const own = field.file === undefined || field.file === file;
      const type = field.shape ? this.expand(field.shape, field.file ?? file, depth + 1, visiting, own ? params : new Map()) : { k: 'opaque' as const };
      fields[field.name] = { type, optional: field.optionality !== 'required' };
    }
    return { k: 'object', fields };
  }

  /** `Format.Csv` as a type: the value of that member of an enum. */
  private getEnumMember(file: string, type: string, member: string): TypeShape | undefined {
    const members = this.lookup.type(file, type)?.decl.members;
    return members && Object.hasOwn(members, member) ? members[member] : undefined;
  }

  private expandSchema(shape: Extract<TypeShape, { k: 'schema' }>, file: string, depth: number, visiting: readonly string[]): TypeShape {
    const key = `${file}#${shape.path.join('.')}`;
    if (visiting.includes(key)) return shape;
    const schema = this.lookup.schema(file, shape.path);
    return schema ? this.expandMembers(schema.fields, schema.file, depth, [...visiting, key], new Map()) : shape;
  }
}

/**
 * `typeof X` of a module-level `const` string (a binding, not a property): its literal; `(typeof X)[keyof typeof X]` of an
 * `as const` (or frozen) object of strings, every property read: the union of its values.
 * Anything else stays unknown.
 */
function getValueShape(value: ValueFact | undefined, of: 'value' | 'values', isBinding: boolean): TypeShape | undefined {
  // A property of an ordinary object has the widened type (`string`), which is not read here.
  if (of === 'value') return isBinding && value?.kind === 'string' ? { k: 'lit', value: value.value } : undefined;
  if (value?.kind !== 'object' || !value.frozen || value.partial) return undefined;
  const members = Object.values(value.props);
  if (members.length === 0 || !members.every((member) => member.kind === 'string')) return undefined;
  const literals = [...new Set(members.map((member) => (member as { value: string }).value))].map((text): TypeShape => ({ k: 'lit', value: text }));
  return literals.length === 1 ? literals[0] : { k: 'union', of: literals };
}
