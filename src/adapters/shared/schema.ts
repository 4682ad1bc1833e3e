/** Pieces of the settings schema that declarable kinds share. */
import { z } from 'zod';

export const identifier = z.string().regex(/^[A-Za-z_$][\w$]*$/, 'must be an identifier');
export const qualified = z.string().regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, 'must be an identifier');
/** A dotted path of object keys: `trigger.name`. */
export const keyPath = z.string().regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, 'must be a key path such as `trigger.name`');
export const argumentIndex = z.number().int().min(0).max(16);
export const serialization = z.enum(['json', 'bson', 'custom']).optional();
export const receiverSchema = z.strictObject({ names: z.array(z.string().min(1)), types: z.array(identifier) });
export const adapterName = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lowercase letters, digits, ".", "_" or "-"');

/** Drops keys set to undefined, so that they do not hide a preset's value when spread over it. */
export function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
