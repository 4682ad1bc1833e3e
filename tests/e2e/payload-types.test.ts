/**
 * Payload types end to end: compared by assignability (a change that accepts every old value
 * is silent), and fields read through `extends` and intersections, in real git repositories.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summary, useDeployments } from '../helpers/deployed.js';
import type { Files } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';

const deploy = useDeployments();


const APPLICATION_JOB = 'export abstract class ApplicationJob {\n  static performLater(..._args: unknown[]) {}\n}\n';
const emailJob = (props: string) =>
  `import { ApplicationJob } from './application-job';\n\ntype Props = {\n${props}\n};\n\nexport class EmailJob extends ApplicationJob {\n  perform(props: Props) {\n    console.log(props);\n  }\n}\n`;

function emailApp(props: string): Files {
  return {
    'package.json': '{ "name": "app", "private": true }\n',
    'src/application-job.ts': APPLICATION_JOB,
    'src/email-job.ts': emailJob(props),
    'src/send.ts': "import { EmailJob } from './email-job';\n\nexport const send = () => EmailJob.performLater({ templateName: 'welcome', props: {} });\n",
  };
}

describe('payload types compared by assignability', () => {
  it('is silent when a field goes from Record<string, any> to Record<string, unknown>', async () => {
    const repo = deploy(emailApp('  templateName: string;\n  props: Record<string, any>;'));
    repo.write({ 'src/email-job.ts': emailJob('  templateName: string;\n  props: Record<string, unknown>;') });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('is silent when a union keeps every old member, and reports a literal removed from it with an old value it rejects', async () => {
    const repo = deploy(emailApp("  templateName: 'welcome' | 'reset';\n  props: Record<string, string>;"));
    repo.write({ 'src/email-job.ts': emailJob("  templateName: 'reset' | 'welcome' | 'digest';\n  props: Record<string, string>;") });
    expect(await lintFiles(repo.dir)).toEqual([]);
    const narrowed = deploy(emailApp("  templateName: 'welcome' | 'reset';\n  props: Record<string, string>;"));
    narrowed.write({ 'src/email-job.ts': emailJob("  templateName: 'reset';\n  props: Record<string, string>;") });
    const messages = await lintFiles(narrowed.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-incompatible-param-change@src/email-job.ts:4']);
    expect(messages[0]!.message).toContain("changes from ''welcome'|'reset'' to ''reset'', rejecting values queued jobs still hold");
    expect(messages[0]!.message).toContain('(for example "welcome")');
  });

  it('reports a Date field retyped as a number: old payloads carry the date as an ISO string', async () => {
    const repo = deploy(emailApp('  templateName: string;\n  at: Date;'));
    repo.write({ 'src/email-job.ts': emailJob('  templateName: string;\n  at: number;') });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-incompatible-param-change@src/email-job.ts:5']);
  });
});

describe('payload fields through extends and intersections', () => {
  const base = "export interface TeamScoped {\n  teamId: string;\n}\n";
  const job = (declaration: string) =>
    `import { ApplicationJob } from './application-job';\nimport type { TeamScoped } from './scoped';\n\n${declaration}\n\nexport class ExportJob extends ApplicationJob {\n  perform(props: ExportProps) {\n    console.log(props);\n  }\n}\n`;
  const app = (declaration: string): Files => ({
    'package.json': '{ "name": "app", "private": true }\n',
    'src/application-job.ts': APPLICATION_JOB,
    'src/scoped.ts': base,
    'src/export-job.ts': job(declaration),
    'src/run.ts': "import { ExportJob } from './export-job';\n\nexport const run = () => ExportJob.performLater({ teamId: 't', format: 'csv' });\n",
  });

  it('reports a required field added to an inherited interface, and the fix makes it optional in the base', async () => {
    const repo = deploy(app('interface ExportProps extends TeamScoped {\n  format: string;\n}'));
    repo.write({ 'src/scoped.ts': 'export interface TeamScoped {\n  teamId: string;\n  organisationId: string;\n}\n' });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-new-required-param@src/scoped.ts:3']);
    await lintFiles(repo.dir, ['.'], { fix: true });
    expect(readFileSync(repo.path('src/scoped.ts'), 'utf8')).toBe('export interface TeamScoped {\n  teamId: string;\n  organisationId?: string;\n}\n');
  });

  it('reads the fields of an intersection of a base and a literal, and stays silent when the same fields are declared as an interface', async () => {
    const repo = deploy(app("type ExportProps = TeamScoped & {\n  format: 'csv' | 'json';\n};"));
    repo.write({ 'src/export-job.ts': job("interface ExportProps extends TeamScoped {\n  format: 'csv' | 'json';\n}") });
    expect(await lintFiles(repo.dir)).toEqual([]);
    const removed = deploy(app("type ExportProps = TeamScoped & {\n  format: 'csv' | 'json';\n};"));
    removed.write({ 'src/export-job.ts': job("type ExportProps = {\n  format: 'csv' | 'json';\n};") });
    const messages = await lintFiles(removed.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-incompatible-param-change@src/export-job.ts:8']);
    expect(messages[0]!.message).toContain("Job 'ExportJob' no longer has payload field 'teamId'");
  });
});

describe('payloads typed by a zod schema', () => {
  const schemas = (fields: string) => `import { z } from 'zod';\n\nexport const EmailSchema = z.object({\n${fields}\n});\n\nexport type EmailData = z.infer<typeof EmailSchema>;\n`;
  const app = (jobType: string): Files => ({
    'package.json': '{ "name": "app", "dependencies": { "bullmq": "6.7.0", "zod": "4.1.0" } }\n',
    'src/schemas.ts': schemas('  to: z.string(),'),
    'src/worker.ts': `import { type Job, Worker } from 'bullmq';\nimport type { z } from 'zod';\nimport type { EmailData, EmailSchema } from './schemas';\n\nexport const worker = new Worker('email', async (job: ${jobType}) => {\n  console.log(job.data);\n});\n`,
    'src/send.ts': "import { Queue } from 'bullmq';\n\nconst queue = new Queue('email');\n\nexport const send = (to: string) => queue.add('send', { to });\n",
  });

  it.each([
    ['Job<z.infer<typeof EmailSchema>>'],
    ['Job<EmailData>'],
  ])('reports a required field added to the schema of %s, and the fix makes it optional', async (jobType) => {
    const repo = deploy(app(jobType));
    repo.write({ 'src/schemas.ts': schemas('  to: z.string(),\n  subject: z.string(),') });
    // The producer names the job by string: the type checker cannot see it omit the field either.
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-new-required-param@src/schemas.ts:5', 'safe-jobs/enqueue-args-match@src/send.ts:5']);
    await lintFiles(repo.dir, ['.'], { fix: true });
    expect(readFileSync(repo.path('src/schemas.ts'), 'utf8')).toBe(schemas('  to: z.string(),\n  subject: z.string().optional(),'));
  });
});


describe('zod schemas made from other schemas', () => {
  const base = (fields: string) => `import { z } from 'zod';\n\nexport const TeamScoped = z.object({\n${fields}\n});\n`;
  const task = (schema: string) =>
    `import { schemaTask } from '@trigger.dev/sdk/v3';\nimport { z } from 'zod';\nimport { TeamScoped } from './team-scoped';\n\nexport const exportTask = schemaTask({\n  id: 'export',\n  schema: ${schema},\n  run: async (payload) => {\n    console.log(payload);\n  },\n});\n`;
  const app = (schema: string): Files => ({
    'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { '@trigger.dev/sdk': '^3.0.0' } }),
    'src/team-scoped.ts': base('  teamId: z.string(),'),
    'src/export.ts': task(schema),
  });

  it('reports a required field added to the base of an extended schema, in another file', async () => {
    const repo = deploy(app('TeamScoped.extend({ format: z.string() })'));
    repo.write({ 'src/team-scoped.ts': base('  teamId: z.string(),\n  orgId: z.string(),') });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-new-required-param@src/team-scoped.ts:5']);
    expect(messages[0]!.message).toMatch(/^Job 'export' now requires payload field 'orgId'/);
  });

  it('reads pick, omit, partial and merge: a field omitted since the deployed version is a removed one', async () => {
    const repo = deploy(app("TeamScoped.extend({ format: z.string(), note: z.string() }).omit({ note: true })"));
    repo.write({ 'src/export.ts': task('TeamScoped.extend({ format: z.string(), note: z.string() }).omit({ note: true, format: true }).strict()') });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-incompatible-param-change@src/export.ts:6']);
    expect(messages[0]!.message).toMatch(/^Job 'export' no longer has payload field 'format'/);
    const partial = deploy(app('TeamScoped.merge(z.object({ format: z.string() }))'));
    partial.write({ 'src/export.ts': task('TeamScoped.merge(z.object({ format: z.string() })).partial()') });
    expect(await lintFiles(partial.dir)).toEqual([]);
  });

  it('leaves a schema it cannot evaluate unknown, never empty', async () => {
    const repo = deploy(app('z.object({ teamId: z.string(), format: z.string() })'));
    repo.write({ 'src/export.ts': task('TeamScoped.extend(getExtraShape())') });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });
});

describe('payload members typed by names the project declares: enums, unions, schemas, utility types and generics', () => {
  const job = (imports: string, props: string) =>
    `import { ApplicationJob } from './application-job';\n${imports}\n\ntype Props = {\n${props}\n};\n\nexport class ExportJob extends ApplicationJob {\n  perform(props: Props) {\n    console.log(props);\n  }\n}\n`;
  const app = (types: string, imports: string, props: string): Files => ({
    'package.json': '{ "name": "app", "private": true }\n',
    'src/application-job.ts': APPLICATION_JOB,
    'src/types.ts': types,
    'src/export-job.ts': job(imports, props),
    'src/run.ts': "import { ExportJob } from './export-job';\n\nexport const run = (props: never) => ExportJob.performLater(props);\n",
  });

  it('reports a member removed from an enum of another file that a field is typed by, with an old value the new type rejects; a member added is silent', async () => {
    const enumOf = (members: string) => `export enum ExportFormat {\n${members}\n}\n`;
    const deployed = () => deploy(app(enumOf("  Csv = 'csv',\n  Json = 'json',"), "import { ExportFormat } from './types';", '  format: ExportFormat;'));
    const widened = deployed();
    widened.write({ 'src/types.ts': enumOf("  Csv = 'csv',\n  Json = 'json',\n  Pdf = 'pdf',") });
    expect(await lintFiles(widened.dir)).toEqual([]);
    const repo = deployed();
    repo.write({ 'src/types.ts': enumOf("  Csv = 'csv',") });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-incompatible-param-change@src/export-job.ts:5']);
    expect(messages[0]!.message).toContain('(for example "json")');
  });

  it('reads numeric enums as TypeScript numbers them, and an enum member written as a type', async () => {
    const repo = deploy(app('export enum Priority {\n  Low,\n  High,\n}\n', "import { Priority } from './types';", '  priority: Priority;'));
    repo.write({ 'src/export-job.ts': job("import { Priority } from './types';", '  priority: Priority.High;') });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-incompatible-param-change@src/export-job.ts:5']);
    expect(messages[0]!.message).toContain('(for example 0)');
  });

  it('reports a literal removed from a union alias of another file, and is silent when the alias is replaced by the same union written inline', async () => {
    const deployed = () => deploy(app("export type ExportFormat = 'csv' | 'json';\n", "import type { ExportFormat } from './types';", '  format: ExportFormat;'));
    const inline = deployed();
    inline.write({ 'src/export-job.ts': job('', "  format: 'json' | 'csv';") });
    expect(await lintFiles(inline.dir)).toEqual([]);
    const repo = deployed();
    repo.write({ 'src/types.ts': "export type ExportFormat = 'csv';\n", 'src/export-job.ts': job("import type { ExportFormat } from './types';", '  format: ExportFormat;') });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-incompatible-param-change@src/export-job.ts:5']);
  });

  it('reports a required field added to a base reached through Omit<Base, ...> & { ... }', async () => {
    const base = (fields: string) => `export interface Base {\n${fields}\n}\n`;
    const deployed = () => deploy(app(base('  teamId: string;\n  internal: string;'), "import type { Base } from './types';", "  export: Omit<Base, 'internal'> & { format: string };"));
    const repo = deployed();
    repo.write({ 'src/types.ts': base('  teamId: string;\n  internal: string;\n  organisationId: string;') });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-new-required-param@src/export-job.ts:5']);
    expect(messages[0]!.message).toContain("'export.organisationId'");
    const optional = deployed();
    optional.write({ 'src/types.ts': base('  teamId: string;\n  internal: string;\n  organisationId?: string;') });
    expect(await lintFiles(optional.dir)).toEqual([]);
    const omitted = deployed();
    omitted.write({ 'src/types.ts': base('  teamId: string;\n  internal: number;') });
    expect(await lintFiles(omitted.dir)).toEqual([]);
  });

  it('reads a generic alias with its argument in place of its parameter', async () => {
    const scoped = (fields: string) => `export type Scoped<T> = T & {\n${fields}\n};\n`;
    const deployed = () => deploy(app(scoped('  teamId: string;'), "import type { Scoped } from './types';", '  export: Scoped<{ format: string }>;'));
    const repo = deployed();
    repo.write({ 'src/types.ts': scoped('  teamId: string;\n  organisationId: string;') });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-new-required-param@src/export-job.ts:5']);
    expect(messages[0]!.message).toContain("'export.organisationId'");
    const retyped = deployed();
    retyped.write({ 'src/export-job.ts': job("import type { Scoped } from './types';", '  export: Scoped<{ format: number }>;') });
    expect(summary(await lintFiles(retyped.dir))).toEqual(['safe-jobs/no-incompatible-param-change@src/export-job.ts:5']);
  });

  it('stays silent where a generic has defaults it does not read, or a name cannot be resolved', async () => {
    const repo = deploy(app("export type Scoped<T, K = 'team'> = T & { scope: K };\n", "import type { Scoped } from './types';\nimport type { External } from 'some-package';", '  export: Scoped<{ format: string }>;\n  other: External;'));
    repo.write({ 'src/types.ts': "export type Scoped<T, K = 'org'> = T & { scope: K };\n" });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });
});

describe('zod schemas whose fields are other schemas', () => {
  const schemas = (team: string) => `import { z } from 'zod';\n\nexport const Team = z.object({\n${team}\n});\n\nexport const ExportSchema = z.object({\n  team: Team,\n  owner: Team.optional(),\n  format: z.string(),\n});\n`;
  const app = (team: string): Files => ({
    'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { '@trigger.dev/sdk': '^3.0.0' } }),
    'src/schemas.ts': schemas(team),
    'src/export.ts': "import { schemaTask } from '@trigger.dev/sdk/v3';\nimport { ExportSchema } from './schemas';\n\nexport const exportTask = schemaTask({\n  id: 'export',\n  schema: ExportSchema,\n  run: async (payload) => {\n    console.log(payload);\n  },\n});\n",
  });

  it('reports a required field added to a schema a field refers to, by its path (an optional object too: when present, it lacks the field), and is silent for an optional one', async () => {
    const repo = deploy(app('  id: z.string(),'));
    repo.write({ 'src/schemas.ts': schemas('  id: z.string(),\n  plan: z.string(),') });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-new-required-param@src/schemas.ts:9', 'safe-jobs/no-new-required-param@src/schemas.ts:10']);
    expect(messages.map((message) => message.message.match(/'(\w+\.\w+)'/)?.[1])).toEqual(['team.plan', 'owner.plan']);
    const optional = deploy(app('  id: z.string(),'));
    optional.write({ 'src/schemas.ts': schemas('  id: z.string(),\n  plan: z.string().optional(),') });
    expect(await lintFiles(optional.dir)).toEqual([]);
  });
});

describe('a payload typed by a utility type or a generic of project types', () => {
  const base = (fields: string) => `export interface Base {\n${fields}\n}\n\nexport type Scoped<T> = T & { teamId: string };\n`;
  const job = (type: string) =>
    `import { ApplicationJob } from './application-job';\nimport type { Base, Scoped } from './types';\n\nexport class ExportJob extends ApplicationJob {\n  perform(props: ${type}) {\n    console.log(props);\n  }\n}\n`;
  const app = (type: string): Files => ({
    'package.json': '{ "name": "app", "private": true }\n',
    'src/application-job.ts': APPLICATION_JOB,
    'src/types.ts': base('  format: string;\n  internal: string;'),
    'src/export-job.ts': job(type),
    'src/run.ts': "import { ExportJob } from './export-job';\n\nexport const run = (props: never) => ExportJob.performLater(props);\n",
  });

  it.each([["Omit<Base, 'internal'> & { note?: string }"], ['Scoped<Base>'], ["Pick<Base, 'format' | 'internal'>"]])('reads the fields of %s: a required field added to Base is reported on the parameter', async (type) => {
    const repo = deploy(app(type));
    repo.write({ 'src/types.ts': base('  format: string;\n  internal: string;\n  organisationId: string;') });
    const messages = await lintFiles(repo.dir);
    const expected = type.startsWith('Pick') ? [] : ['safe-jobs/no-new-required-param@src/export-job.ts:5'];
    expect(summary(messages)).toEqual(expected);
    if (expected.length > 0) expect(messages[0]!.message).toMatch(/^Job 'ExportJob' now requires payload field 'organisationId'/);
  });

  it('compares a payload that moves from an interface to the same fields through Omit as the same payload', async () => {
    const repo = deploy(app('Base'));
    repo.write({ 'src/export-job.ts': job("Omit<Base, 'internal'> & { internal: string }") });
    expect(await lintFiles(repo.dir)).toEqual([]);
    const removed = deploy(app('Base'));
    removed.write({ 'src/export-job.ts': job("Omit<Base, 'internal'>") });
    const messages = await lintFiles(removed.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-incompatible-param-change@src/export-job.ts:4']);
    expect(messages[0]!.message).toMatch(/^Job 'ExportJob' no longer has payload field 'internal'/);
  });
});

describe('payload members typed by values: as const objects, and zod unions and enums', () => {
  const job = (props: string) =>
    `import { ApplicationJob } from './application-job';\nimport { JOB_STATUS } from './status';\n\ntype Props = {\n${props}\n};\n\nexport class SyncJob extends ApplicationJob {\n  perform(props: Props) {\n    console.log(props, JOB_STATUS);\n  }\n}\n`;
  const app = (status: string): Files => ({
    'package.json': '{ "name": "app", "private": true }\n',
    'src/application-job.ts': APPLICATION_JOB,
    'src/status.ts': `export const JOB_STATUS = {\n${status}\n} as const;\n`,
    'src/sync-job.ts': job('  status: (typeof JOB_STATUS)[keyof typeof JOB_STATUS];'),
    'src/run.ts': "import { SyncJob } from './sync-job';\n\nexport const run = (props: never) => SyncJob.performLater(props);\n",
  });

  it('reads (typeof X)[keyof typeof X] of an as const object in another file: a value removed is a narrowing, one added is not', async () => {
    const added = deploy(app("  Active: 'active',\n  Paused: 'paused',"));
    added.write({ 'src/status.ts': "export const JOB_STATUS = {\n  Active: 'active',\n  Paused: 'paused',\n  Done: 'done',\n} as const;\n" });
    expect(await lintFiles(added.dir)).toEqual([]);
    const removed = deploy(app("  Active: 'active',\n  Paused: 'paused',"));
    removed.write({ 'src/status.ts': "export const JOB_STATUS = {\n  Active: 'active',\n} as const;\n" });
    const messages = await lintFiles(removed.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-incompatible-param-change@src/sync-job.ts:5']);
    expect(messages[0]!.message).toContain('(for example "paused")');
  });

  it('leaves an object that is not as const, or not every property of which is read, unknown', async () => {
    // The same two values, the second now brought in by a spread this reading does not follow: unknown, not removed.
    const repo = deploy(app("  Active: 'active',\n  Paused: 'paused',"));
    repo.write({ 'src/status.ts': "const OTHER = { Paused: 'paused' } as const;\nexport const JOB_STATUS = {\n  Active: 'active',\n  ...OTHER,\n} as const;\n" });
    expect(await lintFiles(repo.dir)).toEqual([]);
    const plain = deploy(app("  Active: 'active',\n  Paused: 'paused',"));
    plain.write({ 'src/status.ts': "export const JOB_STATUS = {\n  Active: 'active',\n};\n" });
    expect(await lintFiles(plain.dir)).toEqual([]);
  });

  const schemas = (kind: string) =>
    `import { z } from 'zod';\n\nexport enum Format {\n  Csv = 'csv',\n  Json = 'json',\n}\n\nexport const ExportSchema = z.object({\n  kind: ${kind},\n  format: z.nativeEnum(Format),\n});\n`;
  const task = (schemas: string): Files => ({
    'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { '@trigger.dev/sdk': '^3.0.0' } }),
    'src/schemas.ts': schemas,
    'src/export.ts': "import { schemaTask } from '@trigger.dev/sdk/v3';\nimport { ExportSchema } from './schemas';\n\nexport const exportTask = schemaTask({\n  id: 'export',\n  schema: ExportSchema,\n  run: async (payload) => {\n    console.log(payload);\n  },\n});\n",
  });

  it('reads z.union and z.nativeEnum: a member removed from either is reported, with a rejected old value', async () => {
    const union = deploy(task(schemas("z.union([z.literal('full'), z.literal('delta'), z.null()])")));
    union.write({ 'src/schemas.ts': schemas("z.union([z.literal('full'), z.null()])") });
    const unionMessages = await lintFiles(union.dir);
    expect(summary(unionMessages)).toEqual(['safe-jobs/no-incompatible-param-change@src/schemas.ts:9']);
    expect(unionMessages[0]!.message).toContain('(for example "delta")');
    const native = deploy(task(schemas("z.literal('full')")));
    native.write({ 'src/schemas.ts': schemas("z.literal('full')").replace("  Json = 'json',\n", '') });
    const nativeMessages = await lintFiles(native.dir);
    expect(summary(nativeMessages)).toEqual(['safe-jobs/no-incompatible-param-change@src/schemas.ts:9']);
    expect(nativeMessages[0]!.message).toContain('(for example "json")');
  });
});
