/** The schema of a declared adapter: one per declarable kind, told apart by `type`. */
import { z } from 'zod';
import type { AdapterSetting } from './kind.js';
import { KINDS } from './kinds.js';

const schemas = KINDS.flatMap((kind) => (kind.declarable ? [kind.declarable.schema] : []));

/** Typed by what every kind's schema has in common; each kind reads its own keys. */
export const adapterSettingSchema = z.discriminatedUnion('type', schemas as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<AdapterSetting>;
