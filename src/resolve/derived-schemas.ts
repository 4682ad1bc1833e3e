/**
 * zod schemas made from other schemas (`Base.extend({...})`, `.merge`, `.pick`, `.omit`,
 * `.partial`, `.required`), evaluated into their fields where every schema they are made from
 * resolves, across files. Fields keep the file that declares them. Anything that cannot be
 * evaluated is unknown: no schema, never an empty one.
 */
import type { Member, ValueFact } from '../model/facts.js';

type Field = Member & { file?: string };
type Schema = { file: string; fields: Field[] };

/** Derivations nested deeper than this are not evaluated. */
const MAX_DEPTH = 8;

/** Resolves a reference to the value it names (the resolver's deref). */
export type Deref = (file: string, value: ValueFact) => { file: string; value: ValueFact } | undefined;

export function evaluateDerivedSchema(file: string, value: ValueFact & { kind: 'derived-schema' }, deref: Deref, depth = 0): Schema | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const base = evaluateOperand(file, value.base, deref, depth);
  if (!base) return undefined;
  const own = (fields: Member[]) => fields.map((field) => ({ ...field, file }));
  switch (value.op) {
    case 'same':
      return base;
    case 'extend':
      return { file: base.file, fields: mergeFields(base.fields, own(value.fields ?? [])) };
    case 'merge': {
      const other = value.other && evaluateOperand(file, value.other, deref, depth);
      return other ? { file: base.file, fields: mergeFields(base.fields, other.fields) } : undefined;
    }
    case 'pick':
      return { file: base.file, fields: base.fields.filter((field) => value.keys?.includes(field.name)) };
    case 'omit':
      return { file: base.file, fields: base.fields.filter((field) => !value.keys?.includes(field.name)) };
    case 'partial':
    case 'required': {
      const optionality = value.op === 'partial' ? 'optional' : 'required';
      const touched = (field: Field) => value.keys === undefined || value.keys.includes(field.name);
      // The text edit that makes a field optional belongs to its own declaration, which this derivation does not change.
      return { file: base.file, fields: base.fields.map((field) => (touched(field) && field.optionality !== 'default' ? { ...field, optionality, makeOptional: undefined } : field)) };
    }
  }
}

function evaluateOperand(file: string, operand: ValueFact, deref: Deref, depth: number): Schema | undefined {
  if (operand.kind === 'schema') return { file, fields: operand.fields.map((field) => ({ file, ...field })) };
  if (operand.kind === 'derived-schema') return evaluateDerivedSchema(file, operand, deref, depth + 1);
  const resolved = deref(file, operand);
  if (resolved?.value.kind === 'schema') return { file: resolved.file, fields: resolved.value.fields.map((field) => ({ file: resolved.file, ...field })) };
  if (resolved?.value.kind === 'derived-schema') return evaluateDerivedSchema(resolved.file, resolved.value, deref, depth + 1);
  return undefined;
}

/** The base's fields, then the other's: a field of the same name is replaced where it stands. */
function mergeFields(base: Field[], other: Field[]): Field[] {
  const byName = new Map(base.map((field) => [field.name, field]));
  for (const field of other) byName.set(field.name, field);
  return [...byName.values()];
}
