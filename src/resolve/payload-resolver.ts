/**
 * The fields of a payload type, for one version of the project: inline members, a declared
 * type with its bases, the entry of a type keyed by queue names, a zod schema, or a structure
 * evaluated with the project (a generic, `Omit<Base, 'x'> & { ... }`); then every named type
 * inside the fields replaced by its structure (payload-shapes.ts).
 */
import type { NameRef, PayloadSource, TypeDeclFact, ValueFact } from '../model/facts.js';
import { expandFieldShapes, getShapeFields, type PayloadField, type ShapeLookup } from './payload-shapes.js';

type Resolved<T> = { file: string } & T;

/** What payload resolution asks of the project's name resolution (resolver.ts). */
export interface NameResolution {
  resolveType(file: string, name: string): Resolved<{ decl: TypeDeclFact }> | undefined;
  resolveValue(file: string, path: readonly string[]): Resolved<{ value: ValueFact }> | undefined;
  deref(resolved: Resolved<{ value: ValueFact }>): Resolved<{ value: ValueFact }> | undefined;
  resolveName(file: string, name: NameRef): string | undefined;
}

/** Chains of type references longer than this are cycles. */
const MAX_REFS = 8;

export class PayloadResolver {
  constructor(private readonly project: NameResolution) {}

  /**
   * The fields a payload source stands for, with the file that declares the type; a field
   * inherited from a base type (`extends`, `B & { ... }`) carries the file of its own declaration.
   */
  resolvePayload(file: string, source: PayloadSource | undefined): { file: string; fields: PayloadField[] } | undefined {
    const payload = this.resolveFields(file, source, 0);
    return payload && { file: payload.file, fields: expandFieldShapes(payload.fields, payload.file, this.lookupType) };
  }

  /** Members whose types name project types (`format: ExportFormat`, `team: Team` in a schema), with those names replaced by their structure. */
  expandFields<T extends PayloadField>(file: string, fields: T[]): T[] {
    return expandFieldShapes(fields, file, this.lookupType) as T[];
  }

  /** What the structure of nested payload members is read from. */
  private readonly lookupType: ShapeLookup = {
    type: (file, name) => this.project.resolveType(file, name),
    fields: (file, decl) => this.getFields(file, decl, 0, new Set()),
    schema: (file, path) => this.resolveSchema(file, path),
    value: (file, path) => this.resolveDerefValue(file, path)?.value,
  };

  private resolveFields(file: string, source: PayloadSource | undefined, depth: number): { file: string; fields: PayloadField[] } | undefined {
    if (!source || depth > MAX_REFS) return undefined;
    if ('inline' in source) return { file, fields: source.inline };
    if ('schema' in source) return this.resolveSchema(file, source.schema);
    if ('indexed' in source) return this.resolveEntry(file, source.indexed.type, source.indexed.key, depth);
    if ('shape' in source) {
      const fields = getShapeFields(file, { name: '', fields: [], isExported: false, shape: source.shape, span: source.span }, this.lookupType);
      return fields && { file, fields };
    }
    const resolved = this.project.resolveType(file, source.ref.name);
    if (resolved?.decl.schema) return this.resolveSchema(resolved.file, resolved.decl.schema);
    if (resolved?.decl.shape) {
      const fields = getShapeFields(resolved.file, resolved.decl, this.lookupType);
      return fields && { file: resolved.file, fields };
    }
    return resolved ? { file: resolved.file, fields: this.getFields(resolved.file, resolved.decl, 0, new Set()) } : undefined;
  }

  /** `TQueueJobTypes[QueueName.Export]`: the entry of a type keyed by names, where both names resolve to the same string. */
  private resolveEntry(file: string, type: string, key: NameRef, depth: number): { file: string; fields: PayloadField[] } | undefined {
    const resolved = this.project.resolveType(file, type);
    const wanted = this.project.resolveName(file, key);
    if (!resolved?.decl.entries || wanted === undefined) return undefined;
    const entry = resolved.decl.entries.find((candidate) => this.project.resolveName(resolved.file, candidate.key) === wanted);
    return entry && this.resolveFields(resolved.file, entry.source, depth + 1);
  }

  /** The fields of a zod object schema a module-level value holds (`z.infer<typeof Schema>`). */
  private resolveSchema(file: string, path: readonly string[]): { file: string; fields: PayloadField[] } | undefined {
    const schema = this.resolveDerefValue(file, path);
    return schema?.value.kind === 'schema' ? { file: schema.file, fields: schema.value.fields } : undefined;
  }

  /** The module-level value a path names, references (and derived schemas) followed. */
  private resolveDerefValue(file: string, path: readonly string[]): Resolved<{ value: ValueFact }> | undefined {
    const value = this.project.resolveValue(file, path);
    return value && this.project.deref(value);
  }

  /** A type's own fields after those of its bases, a base found only where it can be resolved (cycles cut). */
  private getFields(file: string, decl: TypeDeclFact, depth: number, seen: Set<TypeDeclFact>): PayloadField[] {
    if (!decl.bases || depth > MAX_REFS || seen.has(decl)) return decl.fields;
    seen.add(decl);
    const byName = new Map<string, PayloadField>();
    for (const base of decl.bases) {
      const resolved = this.project.resolveType(file, base);
      if (!resolved) continue;
      const inherited = resolved.decl.shape ? (getShapeFields(resolved.file, resolved.decl, this.lookupType) ?? []) : this.getFields(resolved.file, resolved.decl, depth + 1, seen);
      for (const field of inherited) byName.set(field.name, { ...field, file: field.file ?? resolved.file });
    }
    for (const field of decl.fields) byName.set(field.name, field);
    return [...byName.values()];
  }
}
