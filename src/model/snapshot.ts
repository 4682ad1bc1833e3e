/**
 * The snapshot file: one version's job contracts written to JSON (`safe-jobs snapshot`),
 * usable as the baseline where git history is not at hand.
 */
import { z } from 'zod';
import { type ContractSet, type EnqueueSite, getJobKey, type JobContract, type MemberContract } from './contract.js';
import type { TypeShape } from './type-shape.js';

export const SNAPSHOT_FORMAT = 'eslint-plugin-safe-jobs/snapshot';
export const SNAPSHOT_VERSION = 1;

/** Repository-relative POSIX paths only: a snapshot must never point outside the repository. */
const relativePath = z
  .string()
  .min(1)
  .refine((path) => !path.startsWith('/') && !/^[A-Za-z]:/.test(path) && !path.split(/[\\/]/).includes('..'), {
    message: 'must be a path relative to the repository, without ".."',
  });

const position = z.object({ line: z.number().int().min(1), column: z.number().int().min(0) });
const span = z.object({ start: position, end: position, range: z.tuple([z.number().int(), z.number().int()]) });
const location = z.object({ file: relativePath, span });

const shapeSchema: z.ZodType<TypeShape> = z.lazy(() =>
  z.union([
    z.object({ k: z.enum(['opaque', 'any', 'unknown']) }),
    z.object({ k: z.literal('prim'), name: z.enum(['string', 'number', 'boolean', 'null', 'bigint', 'symbol', 'object', 'never']) }),
    z.object({ k: z.literal('lit'), value: z.union([z.string(), z.number(), z.boolean()]) }),
    z.object({ k: z.enum(['union', 'tuple', 'and']), of: z.array(shapeSchema).max(256) }),
    z.object({ k: z.literal('array'), of: shapeSchema }),
    z.object({ k: z.literal('record'), value: shapeSchema }),
    z.object({ k: z.literal('object'), fields: z.record(z.string(), z.object({ type: shapeSchema, optional: z.boolean() })) }),
    z.object({ k: z.literal('ref'), name: z.string(), args: z.array(shapeSchema).max(32).optional() }),
    z.object({ k: z.literal('schema'), path: z.array(z.string()).min(1).max(32) }),
    z.object({ k: z.literal('valueof'), path: z.array(z.string()).min(1).max(32), of: z.enum(['value', 'values']) }),
  ]),
) as z.ZodType<TypeShape>;

const member = z.object({
  name: z.string(),
  optionality: z.enum(['required', 'optional', 'default', 'rest']),
  type: z.string().optional(),
  shape: shapeSchema.optional(),
  span,
  file: relativePath,
});

const job = z.object({
  wireName: z.string().min(1),
  queue: z.string().optional(),
  alsoQueues: z.array(z.string()).max(64).optional(),
  location,
  handler: z.string(),
  style: z.enum(['positional', 'payload']),
  params: z.array(member),
  fields: z.array(member),
  adapter: z.string().optional(),
  framework: z.string().optional(),
  serialization: z.enum(['json', 'bson', 'custom']).optional(),
  fingerprint: z.array(z.number().int().min(0)).max(256).optional(),
  membersUnknown: z.literal(true).optional(),
});

const site = z.object({
  wireName: z.string().min(1),
  nameSource: z.enum(['class', 'string']).default('class'),
  method: z.string(),
  args: z.object({
    count: z.number().int().min(0),
    hasSpread: z.boolean(),
    objectKeys: z.array(z.string()).optional(),
    nestedKeys: z.record(z.string(), z.array(z.string())).optional(),
    literals: z.record(z.string(), shapeSchema).optional(),
  }),
  location,
  adapter: z.string().optional(),
  framework: z.string().optional(),
  queue: z.string().optional(),
  delay: z.strictObject({ ms: z.number().min(0).optional(), retry: z.literal(true).optional() }).optional(),
  callerVersion: z.literal(true).optional(),
});

const snapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.number().int(),
  source: z.object({ revision: z.string().optional(), commit: z.string().optional() }).optional(),
  jobs: z.array(job),
  sites: z.array(site),
});

export interface SnapshotSource {
  revision?: string;
  commit?: string;
}

export function serializeSnapshot(set: ContractSet, source: SnapshotSource): string {
  const jobs = [...set.jobs.values()]
    .sort((a, b) => a.wireName.localeCompare(b.wireName))
    .map(({ aliasAnchor: _anchor, ...contract }) => ({ ...contract, params: contract.params.map(stripEdit), fields: contract.fields.map(stripEdit) }));
  const sites = [...set.sites].sort(
    (a, b) => a.location.file.localeCompare(b.location.file) || a.location.span.range[0] - b.location.span.range[0],
  );
  return `${JSON.stringify({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, source, jobs, sites }, null, 2)}\n`;
}

/** Fix edits belong to the code being linted, never to a baseline. */
function stripEdit(member: MemberContract): MemberContract {
  const { makeOptional: _edit, ...rest } = member;
  return rest;
}

export class SnapshotError extends Error {}

/**
 * @param getFramework the framework of an adapter, for contracts written before snapshots
 * recorded it: without it a framework's job would be keyed apart from the current version's.
 */
export function parseSnapshot(text: string, path: string, getFramework?: (adapter: string) => string | undefined): { set: ContractSet; source: SnapshotSource } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // Never the parser's message: it quotes the file's content, which may be anything but a snapshot.
    throw new SnapshotError(`the snapshot ${path} is not valid JSON. Write it again with \`safe-jobs snapshot -o ${path}\`.`);
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > SNAPSHOT_VERSION) {
    throw new SnapshotError(
      `the snapshot ${path} has format version ${version}, newer than this plugin reads (${SNAPSHOT_VERSION}). Upgrade eslint-plugin-safe-jobs, or write the snapshot with this version.`,
    );
  }
  const parsed = snapshotSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SnapshotError(
      `the snapshot ${path} is not a safe-jobs snapshot: ${issue.path.join('.') || '(root)'} ${issue.message}. Write it again with \`safe-jobs snapshot -o ${path}\`.`,
    );
  }
  const withFramework = <T extends { adapter?: string | undefined; framework?: string | undefined }>(contract: T): T => {
    const framework = contract.framework ?? (contract.adapter === undefined ? undefined : getFramework?.(contract.adapter));
    return framework === undefined ? contract : { ...contract, framework };
  };
  const jobs = new Map<string, JobContract>(parsed.data.jobs.map((contract) => withFramework(contract as JobContract)).map((contract) => [getJobKey(contract), contract]));
  return { set: { jobs, sites: parsed.data.sites.map((site) => withFramework(site as EnqueueSite)) }, source: parsed.data.source ?? {} };
}
