/**
 * zod schemas made from other schemas, as facts: `Base.extend({ x: z.string() })`,
 * `A.merge(B)`, `A.pick({ id: true })`, `A.omit({ id: true })`, `A.partial()`, `A.required()`,
 * and methods that keep the shape (`.strict()`, `.passthrough()`, `.refine(...)`, `.describe(...)`).
 * The base is kept as written (a reference, an inline `z.object`, another derived schema) and
 * evaluated across files by the resolver; an argument that cannot be read makes no fact.
 */
import type { DerivedSchemaOp, ValueFact } from '../../model/facts.js';
import { getReferencePath, getStaticKey, type Node } from './syntax.js';
import { getZodObjectFields, getZodShapeFields } from './zod-schema.js';

const SAME_SHAPE = new Set(['strict', 'passthrough', 'strip', 'nonstrict', 'refine', 'superRefine', 'describe', 'transform', 'brand', 'readonly', 'catchall']);
const OPS: Record<string, DerivedSchemaOp> = { extend: 'extend', merge: 'merge', pick: 'pick', omit: 'omit', partial: 'partial', required: 'required', deepPartial: 'partial' };

/** Chains of derivations longer than this are not read. */
const MAX_DEPTH = 8;

export function getDerivedSchema(node: Node, depth = 0): ValueFact | undefined {
  if (depth > MAX_DEPTH || node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.computed || node.callee.property.type !== 'Identifier') return undefined;
  const method = node.callee.property.name;
  const op = SAME_SHAPE.has(method) ? 'same' : OPS[method];
  if (!op) return undefined;
  const base = getSchemaOperand(node.callee.object, depth);
  if (!base) return undefined;
  const arg = node.arguments[0];
  switch (op) {
    case 'same':
      return { kind: 'derived-schema', op, base };
    case 'extend': {
      const fields = getZodShapeFields(arg);
      return fields ? { kind: 'derived-schema', op, base, fields } : undefined;
    }
    case 'merge': {
      const other = arg && arg.type !== 'SpreadElement' ? getSchemaOperand(arg, depth) : undefined;
      return other ? { kind: 'derived-schema', op, base, other } : undefined;
    }
    case 'pick':
    case 'omit': {
      const keys = getMaskKeys(arg);
      return keys ? { kind: 'derived-schema', op, base, keys } : undefined;
    }
    case 'partial':
    case 'required': {
      if (!arg) return { kind: 'derived-schema', op, base };
      const keys = getMaskKeys(arg);
      return keys ? { kind: 'derived-schema', op, base, keys } : undefined;
    }
  }
}

/** A schema as an operand: `z.object({...})`, a module-level schema by reference, or another derivation. */
function getSchemaOperand(node: Node, depth: number): ValueFact | undefined {
  const fields = getZodObjectFields(node);
  if (fields) return { kind: 'schema', fields };
  const derived = getDerivedSchema(node, depth + 1);
  if (derived) return derived;
  const path = getReferencePath(node);
  return path ? { kind: 'ref', path } : undefined;
}

/** `{ id: true, name: true }`: the keys a mask names; undefined for any other value. */
function getMaskKeys(node: Node | undefined): string[] | undefined {
  if (node?.type !== 'ObjectExpression') return undefined;
  const keys: string[] = [];
  for (const property of node.properties) {
    if (property.type !== 'Property' || property.computed) return undefined;
    const key = getStaticKey(property);
    if (key === undefined) return undefined;
    keys.push(key);
  }
  return keys;
}
