/**
 * In-house job layers described in settings: jobs written as object literals (found by type, by
 * the call they are passed to, or by a typed factory), and class workers named by the argument
 * they give their base class, with producer services typed by class. Real git repositories
 * (N committed, N+1 in the working tree), through ESLint and the CLI.
 */
import { readFileSync } from 'node:fs';
import { main } from '../../src/cli/run.js';
import { readSettings } from '../../src/settings.js';
import { describe, expect, it } from 'vitest';
import { summary, useDeployments } from '../helpers/deployed.js';
import type { Files } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';

const deploy = useDeployments();

/** documenso-style definitions: `{ id, trigger: { name, schema }, handler } satisfies JobDefinition`, `jobs.triggerJob({ name, payload })`. */
const DEFINITIONS = {
  type: 'string-registry',
  name: 'app-jobs',
  handler: 'payload-argument',
  definitions: [{ types: ['JobDefinition'], calls: ['defineJob'], name: 'trigger.name', schema: 'trigger.schema', handler: 'handler', payloadKey: 'payload' }],
  enqueue: [{ methods: ['triggerJob'], nameArg: 0, payloadArg: 0, payload: 'request', requestKeys: { name: 'name', data: 'payload' } }],
};

const JOB_TYPES = "export type JobDefinition = { id: string; trigger: { name: string; schema?: unknown }; handler: (options: { payload: any }) => Promise<void> };\n";

function definition(id: string, schema: string): string {
  return [
    "import { z } from 'zod';",
    "import type { JobDefinition } from './job';",
    '',
    `const ID = '${id}';`,
    '',
    `const SCHEMA = z.object({\n${schema}\n});`,
    '',
    'export const DEFINITION = {',
    '  id: ID,',
    '  trigger: { name: ID, schema: SCHEMA },',
    '  handler: async ({ payload }) => {',
    '    console.log(payload);',
    '  },',
    '} as const satisfies JobDefinition;',
    '',
  ].join('\n');
}

const TRIGGER = "import { jobs } from './client';\n\nexport const deleteTeam = async (name: string) => {\n  await jobs.triggerJob({ name: 'send.team-deleted.email', payload: { team: { name } } });\n};\n";

describe('object-literal job definitions', () => {
  const app: Files = {
    'package.json': JSON.stringify({ name: 'app', private: true, 'safe-jobs': { adapters: [DEFINITIONS] } }),
    'src/job.ts': JOB_TYPES,
    'src/client.ts': 'export const jobs = { triggerJob: async (_options: { name: string; payload: unknown }) => {} };\n',
    'src/team-deleted.ts': definition('send.team-deleted.email', '  team: z.object({ name: z.string() }),'),
    'src/delete-team.ts': TRIGGER,
  };
  const settings = { adapters: [DEFINITIONS] };

  it('reports a new required field of the zod schema, with the transitional form as its fix', async () => {
    const repo = deploy(app);
    repo.write({
      'src/team-deleted.ts': definition('send.team-deleted.email', '  team: z.object({ name: z.string() }),\n  organisationId: z.string(),'),
      'src/delete-team.ts': TRIGGER.replace('payload: { team: { name } }', "payload: { team: { name }, organisationId: 'org' }"),
    });
    const messages = await lintFiles(repo.dir, ['.'], { settings });
    expect(summary(messages)).toEqual(['safe-jobs/no-new-required-param@src/team-deleted.ts:8']);
    expect(messages[0]!.message).toMatch(/^Job 'send\.team-deleted\.email' now requires payload field 'organisationId'/);
    await lintFiles(repo.dir, ['.'], { settings, fix: true });
    expect(readFileSync(repo.path('src/team-deleted.ts'), 'utf8')).toContain('  organisationId: z.string().optional(),\n');
  });

  it('reports a field added inside a nested object by its path', async () => {
    const repo = deploy(app);
    repo.write({ 'src/team-deleted.ts': definition('send.team-deleted.email', '  team: z.object({ name: z.string(), ownerId: z.number() }).nullish(),') });
    const messages = await lintFiles(repo.dir, ['.'], { settings });
    expect(summary(messages)).toEqual(['safe-jobs/no-new-required-param@src/team-deleted.ts:7']);
    expect(messages[0]!.message).toContain("now requires payload field 'team.ownerId'");
  });

  it('is silent for a nested field added as optional, and for a body-only change', async () => {
    const repo = deploy(app);
    repo.write({ 'src/team-deleted.ts': definition('send.team-deleted.email', '  team: z.object({ name: z.string(), ownerId: z.number().optional() }),').replace('console.log(payload)', 'console.info(payload)') });
    expect(await lintFiles(repo.dir, ['.'], { settings })).toEqual([]);
  });

  it('reports a definition renamed while the deployed version still enqueues the old name', async () => {
    const repo = deploy(app);
    repo.write({ 'src/team-deleted.ts': definition('send.team-removed.email', '  team: z.object({ name: z.string() }),') });
    const messages = await lintFiles(repo.dir, ['.'], { settings });
    expect(messages.map((message) => message.rule)).toContain('safe-jobs/no-rename-without-alias');
    expect(messages.find((message) => message.rule === 'safe-jobs/no-rename-without-alias')!.message).toMatch(/^Job 'send\.team-removed\.email' replaces 'send\.team-deleted\.email'/);
  });

  it('deletes a definition nothing enqueues without a finding', async () => {
    const repo = deploy({ ...app, 'src/unused.ts': definition('send.unused.email', '  id: z.string(),') });
    repo.write({ 'src/unused.ts': null });
    expect(await lintFiles(repo.dir, ['.'], { settings })).toEqual([]);
  });

  it('reads nothing without the declared shape: unknown is not absent', async () => {
    const repo = deploy({ ...app, 'package.json': '{ "name": "app", "private": true }\n' });
    repo.write({ 'src/team-deleted.ts': definition('send.team-deleted.email', '  team: z.object({ name: z.string() }),\n  organisationId: z.string(),') });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('treats a schema it cannot read as unknown members, never as removed ones', async () => {
    const repo = deploy(app);
    repo.write({ 'src/team-deleted.ts': definition('send.team-deleted.email', '  team: z.object({ name: z.string() }),').replace('const SCHEMA = z.object({', 'const SCHEMA = BASE.extend({').replace("import type { JobDefinition } from './job';", "import type { JobDefinition } from './job';\nimport { BASE } from './base';") });
    expect(await lintFiles(repo.dir, ['.'], { settings })).toEqual([]);
  });

  it('leaves the members of a definition without a schema or a typed handler unknown, never none', async () => {
    const adapter = { ...DEFINITIONS, definitions: [DEFINITIONS.definitions[0]!, { calls: ['defineJob'], name: 'slug', schema: 'schema', handler: 'handler' }] };
    const job = (rest: string) => `import { z } from 'zod';\nimport { defineJob } from './define';\n\nexport const exportJob = defineJob({\n  slug: 'export',\n${rest}\n});\n`;
    const repo = deploy({ ...app, 'src/define.ts': 'export const defineJob = <T>(job: T) => job;\n', 'src/export.ts': job('  schema: z.object({ id: z.string() }),\n  handler: async (input) => console.log(input),') });
    repo.write({ 'src/export.ts': job('  handler: async (input) => console.log(input),') });
    expect(await lintFiles(repo.dir, ['.'], { settings: { adapters: [adapter] } })).toEqual([]);
    // Without a handler at all it is still a job (its name is handled), with unknown members.
    repo.write({ 'src/export.ts': job("  cron: '0 * * * *',") });
    const scheduleOnly = { ...adapter, definitions: [DEFINITIONS.definitions[0]!, { calls: ['defineJob'], name: 'slug' }] };
    expect(await lintFiles(repo.dir, ['.'], { settings: { adapters: [scheduleOnly] } })).toEqual([]);
    // `list` tells unknown members apart from none.
    repo.write({ 'package.json': JSON.stringify({ name: 'app', private: true, 'safe-jobs': { adapters: [scheduleOnly] } }) });
    expect((await runCli(['list', '--cwd', repo.dir])).stdout).toContain('export  queue: (default)  src/export.ts:5\n  handler(…)  (its payload cannot be read: the fields are unknown, never compared)\n');
  });

  it('finds definitions passed to a definition call in JavaScript, with an inline schema', async () => {
    const adapter = { ...DEFINITIONS, definitions: [{ calls: ['defineJob'], name: 'slug', schema: 'schema', handler: 'handler', payloadKey: 'payload' }] };
    const job = (fields: string) => `import { z } from 'zod';\nimport { defineJob } from './define.js';\n\nexport const exportJob = defineJob({\n  slug: 'export',\n  schema: z.object({ ${fields} }),\n  async handler({ payload }) {\n    console.log(payload);\n  },\n});\n`;
    const repo = deploy({
      'package.json': JSON.stringify({ name: 'app', type: 'module' }),
      'src/define.js': 'export const defineJob = (job) => job;\n',
      'src/export.js': job('id: z.string(), format: z.string()'),
      'src/run.js': "import { jobs } from './client.js';\n\nexport const run = (id) => jobs.triggerJob({ name: 'export', payload: { id, format: 'csv' } });\n",
    });
    repo.write({ 'src/export.js': job('id: z.string()') });
    const messages = await lintFiles(repo.dir, ['.'], { settings: { adapters: [adapter] } });
    expect(summary(messages)).toEqual(['safe-jobs/no-incompatible-param-change@src/export.js:5']);
    expect(messages[0]!.message).toMatch(/^Job 'export' no longer has payload field 'format'/);
  });

  it('finds the objects a factory typed with the definition type returns, and the CLI reports them', async () => {
    const adapter = { type: 'string-registry', name: 'tasks', definitions: [{ types: ['TaskConfig'], name: 'slug', handler: 'handler' }], enqueue: [{ methods: ['queue'], nameArg: 0, payloadArg: 0, payload: 'request', requestKeys: { name: 'task', data: 'input' } }] };
    const task = (fields: string) => `import type { TaskConfig } from './types';\n\nexport const getPublishTask = (): TaskConfig => {\n  return {\n    slug: 'publish',\n    handler: async (input: { ${fields} }) => {\n      console.log(input);\n    },\n  };\n};\n`;
    const repo = deploy({
      'package.json': JSON.stringify({ name: 'app', private: true, 'safe-jobs': { adapters: [adapter] } }),
      'src/types.ts': 'export type TaskConfig = { slug: string; handler: (input: any) => Promise<void> };\n',
      'src/publish.ts': task('docId: string'),
      'src/schedule.ts': "export const schedule = (payload: any, docId: string) => payload.jobs.queue({ task: 'publish', input: { docId } });\n",
    });
    repo.write({
      'src/publish.ts': task('docId: string; userId: string'),
      'src/schedule.ts': "export const schedule = (payload: any, docId: string) => payload.jobs.queue({ task: 'publish', input: { docId, userId: 'u' } });\n",
    });
    const output = await runCli(['check', '--base', 'main', '--format', 'json', '--cwd', repo.dir]);
    const findings = JSON.parse(output.stdout).findings as Array<{ rule: string; job: string; file: string; message: string }>;
    expect(output.status).toBe(1);
    expect(findings.map((finding) => `${finding.rule}@${finding.file}`)).toEqual(['safe-jobs/no-new-required-param@src/publish.ts']);
    expect(findings[0]!.message).toContain("now requires payload field 'userId'");
  });
});

/** novu-style workers: the queue name is what the intermediate class passes to `super(...)`; the handler is what a method returns. */
const WORKERS = {
  type: 'class-job',
  name: 'workers',
  baseClasses: ['WorkerBase'],
  handlerMethods: ['getProcessor'],
  wireName: { superArgument: true },
  payload: 'job-data',
  enqueue: {
    producers: [
      { baseClasses: ['QueueBase'], methods: ['add'], arg: 0, key: 'data' },
      { baseClasses: ['QueueBase'], methods: ['addBulk'], arg: 0, key: 'data', batch: true },
    ],
  },
};

function workerApp(topic: string, fields: string): Files {
  return {
    'package.json': JSON.stringify({ name: 'app', private: true, 'safe-jobs': { adapters: [WORKERS] } }),
    'src/topics.ts': `export enum Topics {\n  Email = '${topic}',\n}\n`,
    'src/bases.ts':
      'export class WorkerBase {\n  constructor(public topic: string, public connection: unknown) {}\n}\n\nexport class QueueBase {\n  constructor(public topic: string) {}\n  async add(_job: { name: string; data: unknown }) {}\n  async addBulk(_jobs: Array<{ name: string; data: unknown }>) {}\n}\n',
    'src/email-data.ts': `export interface EmailData {\n${fields}\n}\n`,
    'src/email-worker.service.ts':
      "import { WorkerBase } from './bases';\nimport { Topics } from './topics';\n\nexport class EmailWorkerService extends WorkerBase {\n  constructor(connection: unknown) {\n    super(Topics.Email, connection);\n  }\n}\n",
    'src/email.worker.ts':
      "import type { EmailData } from './email-data';\nimport { EmailWorkerService } from './email-worker.service';\n\nexport class EmailWorker extends EmailWorkerService {\n  constructor() {\n    super(null);\n  }\n\n  getProcessor() {\n    return async ({ data }: { data: EmailData }) => {\n      console.log(data);\n    };\n  }\n}\n",
    'src/email-queue.service.ts':
      "import { QueueBase } from './bases';\nimport { Topics } from './topics';\n\nexport class EmailQueueService extends QueueBase {\n  constructor() {\n    super(Topics.Email);\n  }\n}\n",
    'src/signup.ts':
      "import { EmailQueueService } from './email-queue.service';\n\nexport class Signup {\n  constructor(private emailQueue: EmailQueueService) {}\n\n  async run(to: string) {\n    await this.emailQueue.add({ name: to, data: { to } });\n  }\n}\n",
  };
}

describe('definitions enqueued through the object their call returns', () => {
  const JOBS = {
    type: 'string-registry',
    name: 'jobs',
    definitions: [{ calls: ['defineJob'], name: 'name', schema: 'schema', handler: 'handle', dispatch: { dispatch: 'single', dispatchBatch: 'batch' } }],
    enqueue: [],
  };
  const job = (name: string, variable: string, fields: string) =>
    `import { z } from 'zod';\nimport { defineJob } from './define';\n\nexport const ${variable} = defineJob({\n  name: '${name}',\n  schema: z.object({ ${fields} }),\n  async handle(input) {\n    console.log(input);\n  },\n});\n`;
  const app: Files = {
    'package.json': JSON.stringify({ name: 'app', private: true }),
    'src/define.ts': 'export const defineJob = <T extends object>(job: T) => ({ ...job, dispatch: async (_payload: unknown) => {}, dispatchBatch: async (_payloads: unknown[]) => {} });\n',
    'src/folder-deleted.ts': job('folder-deleted-job', 'folderDeletedJob', 'folderId: z.string(), workspaceId: z.string()'),
    'src/delete-folder.ts': "import { folderDeletedJob } from './folder-deleted';\n\nexport const deleteFolder = (folderId: string) => folderDeletedJob.dispatch({ folderId, workspaceId: 'w' });\n",
  };

  it('reports a new job dispatched in the release that adds it', async () => {
    const repo = deploy(app);
    repo.write({
      'src/folder-archived.ts': job('folder-archived-job', 'folderArchivedJob', 'folderId: z.string()'),
      'src/archive-folder.ts': "import { folderArchivedJob } from './folder-archived';\n\nexport const archive = (ids: string[]) => folderArchivedJob.dispatchBatch([{ folderId: ids[0] }, { folderId: ids[1] }]);\n",
    });
    const messages = await lintFiles(repo.dir, ['.'], { settings: { adapters: [JOBS] } });
    expect(summary(messages)).toEqual(['safe-jobs/no-premature-enqueue@src/archive-folder.ts:3', 'safe-jobs/no-premature-enqueue@src/archive-folder.ts:3']);
    expect(messages[0]!.message).toMatch(/^This enqueues job 'folder-archived-job', which old workers \(/);
  });

  it('checks a new dispatch call against the deployed schema', async () => {
    const repo = deploy(app);
    repo.write({
      'src/folder-deleted.ts': job('folder-deleted-job', 'folderDeletedJob', 'folderId: z.string(), workspaceId: z.string().optional()'),
      'src/purge.ts': "import { folderDeletedJob } from './folder-deleted';\n\nexport const purge = (folderId: string) => folderDeletedJob.dispatch({ folderId });\n",
    });
    const messages = await lintFiles(repo.dir, ['.'], { settings: { adapters: [JOBS] } });
    expect(summary(messages)).toEqual(['safe-jobs/no-incompatible-param-change@src/purge.ts:3']);
    expect(messages[0]!.message).toContain("without field(s) 'workspaceId', which old workers (");
  });
});

describe('definitions typed by their call\'s type argument, or by the job their handler receives', () => {
  const QUEUES = (handler?: string) => ({
    type: 'string-registry',
    name: 'job-queues',
    ...(handler ? { handler } : {}),
    definitions: [{ calls: ['createQueue'], name: 'name', handler: 'process' }],
    enqueue: [],
  });
  const service = (definition: string) =>
    `import type { ApplyFiltersData } from './types';\n\nexport class CollectionService {\n  constructor(private jobs: { createQueue<T>(options: unknown): Promise<unknown> }) {}\n  async init() {\n    await this.jobs.${definition};\n  }\n}\n`;
  const types = (fields: string) => `export interface ApplyFiltersData {\n${fields}\n}\n`;
  const app = (definition: string): Files => ({
    'package.json': JSON.stringify({ name: 'shop', private: true }),
    'src/types.ts': types('  collectionIds: string[];'),
    'src/collections.ts': service(definition),
  });

  it.each([
    ["createQueue<ApplyFiltersData>({ name: 'apply-filters', process: async (job) => console.log(job) })", undefined],
    ["createQueue({ name: 'apply-filters', process: async (job: { data: ApplyFiltersData }) => console.log(job.data) })", 'job-data'],
  ])('reads the payload of %s (handler %s), and reports a new required field of it', async (definition, handler) => {
    const repo = deploy(app(definition));
    repo.write({ 'src/types.ts': types('  collectionIds: string[];\n  channelId: string;') });
    const messages = await lintFiles(repo.dir, ['.'], { settings: { adapters: [QUEUES(handler)] } });
    expect(summary(messages)).toEqual(['safe-jobs/no-new-required-param@src/types.ts:3']);
    expect(messages[0]!.message).toMatch(/^Job 'apply-filters' now requires payload field 'channelId'/);
  });
});

describe('request objects read through key paths', () => {
  it('reads the name and the payload at nested keys: { job: { name }, input }', async () => {
    const adapter = { ...DEFINITIONS, enqueue: [{ methods: ['dispatch'], nameArg: 0, payloadArg: 0, payload: 'request', requestKeys: { name: 'job.name', data: 'input' } }] };
    const repo = deploy({
      'package.json': JSON.stringify({ name: 'app', type: 'module' }),
      'src/job.js': "import { z } from 'zod';\nimport { defineJob } from './define.js';\n\nexport const exportJob = defineJob({\n  trigger: { name: 'export', schema: z.object({ id: z.string() }) },\n  handler: async ({ payload }) => console.log(payload),\n});\n",
      'src/define.js': 'export const defineJob = (job) => job;\n',
      'src/run.js': "import { bus } from './bus.js';\n\nexport const run = (id) => bus.dispatch({ job: { name: 'export' }, input: { id } });\n",
      'src/bus.js': 'export const bus = { dispatch() {} };\n',
    });
    repo.write({ 'src/job.js': readFileSync(repo.path('src/job.js'), 'utf8').replace("z.object({ id: z.string() })", "z.object({ id: z.string(), format: z.string() })") });
    const messages = await lintFiles(repo.dir, ['.'], { settings: { adapters: [adapter] } });
    // JavaScript has no type checker to report the call: the plugin does, and the deployed payloads lack the field too.
    expect(summary(messages)).toEqual(['safe-jobs/no-new-required-param@src/job.js:5', 'safe-jobs/enqueue-args-match@src/run.js:3']);
    expect(messages[1]!.message).toBe("This enqueues job 'export' without the required payload field(s) format: the worker reads them as undefined. Send them here, or make them optional in the payload type.");
  });
});

describe('class workers named by their super(...) argument', () => {
  const settings = { adapters: [WORKERS] };

  it('reports a new required field of the payload type the returned handler declares', async () => {
    const repo = deploy(workerApp('email', '  to: string;'));
    repo.write({ 'src/email-data.ts': 'export interface EmailData {\n  to: string;\n  locale: string;\n}\n' });
    const messages = await lintFiles(repo.dir, ['.'], { settings });
    expect(summary(messages)).toEqual(['safe-jobs/no-new-required-param@src/email-data.ts:3']);
    expect(messages[0]!.message).toMatch(/^Job 'email' now requires payload field 'locale'/);
  });

  it('reports a changed enum value as a queue the deployed producers still fill, at the worker and at every producer', async () => {
    const repo = deploy(workerApp('email', '  to: string;'));
    repo.write({ 'src/topics.ts': "export enum Topics {\n  Email = 'emails',\n}\n" });
    const messages = await lintFiles(repo.dir, ['.'], { settings });
    expect(summary(messages)).toEqual(['safe-jobs/no-rename-without-alias@src/email.worker.ts:4', 'safe-jobs/no-premature-enqueue@src/signup.ts:7']);
    expect(messages[0]!.message).toMatch(/^Job 'emails' replaces 'email' without an alias/);
    // The wire name is not the class name: no alias class would keep 'email' handled, so no fix is offered.
    const before = readFileSync(repo.path('src/email.worker.ts'), 'utf8');
    await lintFiles(repo.dir, ['.'], { settings, fix: true });
    expect(readFileSync(repo.path('src/email.worker.ts'), 'utf8')).toBe(before);
  });

  it('is silent when the enum member is renamed but its value stays', async () => {
    const repo = deploy(workerApp('email', '  to: string;'));
    const renamed = workerApp('email', '  to: string;');
    repo.write(
      Object.fromEntries(
        ['src/topics.ts', 'src/email-worker.service.ts', 'src/email-queue.service.ts'].map((file) => [file, renamed[file]!.replaceAll('Email =', 'Mail =').replaceAll('Topics.Email', 'Topics.Mail')]),
      ),
    );
    expect(await lintFiles(repo.dir, ['.'], { settings })).toEqual([]);
  });

  it('reads a worker class in JavaScript: a changed topic is a renamed queue', async () => {
    const js: Files = {
      'package.json': JSON.stringify({ name: 'app', type: 'module', 'safe-jobs': { adapters: [WORKERS] } }),
      'src/bases.js': 'export class WorkerBase {\n  constructor(topic) {\n    this.topic = topic;\n  }\n}\n',
      'src/email.worker.js':
        "import { WorkerBase } from './bases.js';\n\nexport class EmailWorker extends WorkerBase {\n  constructor() {\n    super('email');\n  }\n\n  getProcessor() {\n    return async ({ data }) => {\n      await deliver(data.to, data.subject, { retries: 3 });\n      metrics.increment('email.sent');\n    };\n  }\n}\n",
    };
    const repo = deploy(js);
    repo.write({ 'src/email.worker.js': js['src/email.worker.js']!.replace("super('email')", "super('emails')") });
    const messages = await lintFiles(repo.dir, ['.'], { settings });
    expect(summary(messages)).toEqual(['safe-jobs/no-rename-without-alias@src/email.worker.js:3']);
    expect(messages[0]!.message).toMatch(/^Job 'emails' replaces 'email' without an alias: .* once nothing deployed enqueues it \(main at [0-9a-f]{7}; no enqueue call of it was found\)/);
  });

  it('checks what producers send against the deployed handler', async () => {
    const deployed = workerApp('email', '  to: string;\n  subject: string;');
    const repo = deploy({ ...deployed, 'src/signup.ts': deployed['src/signup.ts']!.replace('data: { to }', "data: { to, subject: 'Welcome' }") });
    repo.write({
      'src/email-data.ts': 'export interface EmailData {\n  to: string;\n  subject?: string;\n}\n',
      'src/signup.ts': workerApp('email', '')['src/signup.ts']!.replace('data: { to }', "data: { to, subject: 'Welcome' }") + "\nexport const invite = (queue: EmailQueueService, to: string) => queue.add({ name: to, data: { to } });\n",
    });
    const messages = await lintFiles(repo.dir, ['.'], { settings });
    expect(summary(messages)).toEqual(['safe-jobs/no-incompatible-param-change@src/signup.ts:11']);
    expect(messages[0]!.message).toContain("without field(s) 'subject'");
  });
});

describe('class jobs named by their file', () => {
  const TASKS = { type: 'class-job', name: 'tasks', baseClasses: ['BaseTask'], handlerMethods: ['perform'], wireName: { fileName: true }, enqueue: { instance: { methods: ['schedule'] } } };
  const task = (name: string) =>
    `import { BaseTask } from './BaseTask';\n\nexport default class ${name} extends BaseTask {\n  perform(props: { id: string }) {\n    const documents = findExpiredDocuments(props.id, { olderThanDays: 30 });\n    for (const document of documents) archive(document, { reason: 'expired', notify: false });\n    logger.info('cleanup finished', { count: documents.length });\n  }\n}\n`;
  const app: Files = {
    'package.json': JSON.stringify({ name: 'app', private: true }),
    'src/tasks/BaseTask.ts': 'export abstract class BaseTask {\n  schedule(_props: unknown) {}\n}\n',
    'src/tasks/CleanupTask.ts': task('CleanupTask'),
    'src/run.ts': "import CleanupTask from './tasks/CleanupTask';\n\nexport const run = (id: string) => new CleanupTask().schedule({ id });\n",
  };

  it('reports a rename without offering an alias class, and says why', async () => {
    const repo = deploy(app);
    repo.write({
      'src/tasks/CleanupTask.ts': null,
      'src/tasks/PurgeTask.ts': task('PurgeTask'),
      'src/run.ts': "import PurgeTask from './tasks/PurgeTask';\n\nexport const run = (id: string) => new PurgeTask().schedule({ id });\n",
    });
    const settings = { adapters: [TASKS] };
    const messages = await lintFiles(repo.dir, ['.'], { settings });
    expect(summary(messages)).toEqual(['safe-jobs/no-premature-enqueue@src/run.ts:3', 'safe-jobs/no-rename-without-alias@src/tasks/PurgeTask.ts:3']);
    expect(messages[1]!.message).toMatch(/^Job 'PurgeTask' replaces 'CleanupTask' without an alias/);
    expect(messages[1]!.message).toMatch(/an alias class beside 'PurgeTask' would not be registered: keep a file named 'CleanupTask' whose default export is the job, and no fix is offered\.$/);
    await lintFiles(repo.dir, ['.'], { settings, fix: true });
    expect(readFileSync(repo.path('src/tasks/PurgeTask.ts'), 'utf8')).toBe(task('PurgeTask'));
  });

  it('names a class that is not its file\'s default export by the class, as before', async () => {
    const repo = deploy({ ...app, 'src/tasks/CleanupTask.ts': task('CleanupTask').replace('export default class', 'export class'), 'src/run.ts': "import { CleanupTask } from './tasks/CleanupTask';\n\nexport const run = (id: string) => new CleanupTask().schedule({ id });\n" });
    repo.write({ 'src/tasks/CleanupTask.ts': task('CleanupTask').replace('export default class', 'export class').replace('props: { id: string }', 'props: { id: string; force: boolean }') });
    const messages = await lintFiles(repo.dir, ['.'], { settings: { adapters: [TASKS] } });
    // The call is typed against the class: the type checker reports its missing field, not this plugin.
    expect(summary(messages)).toEqual(['safe-jobs/no-new-required-param@src/tasks/CleanupTask.ts:4']);
    expect(messages[0]!.message).toMatch(/^Job 'CleanupTask' now requires payload field 'force'/);
  });
});

describe('a map of jobs with a sibling catalog of their schemas', () => {
  const REDIS = {
    type: 'string-registry',
    name: 'redis-worker',
    maps: [{ constructors: ['RedisWorker'], argIndex: 0, property: 'jobs', schemas: { property: 'catalog', key: 'schema' } }],
    handler: 'job-data',
    enqueue: [{ methods: ['enqueue'], nameArg: 0, payloadArg: 0, payload: 'request', requestKeys: { name: 'job', data: 'payload' }, receiver: { names: ['worker'], types: ['RedisWorker'] } }],
  };
  const worker = (fields: string) =>
    `import { z } from 'zod';\nimport { RedisWorker } from './redis-worker';\n\nconst EmailSchema = z.object({\n${fields}\n});\n\nexport const worker = new RedisWorker({\n  catalog: { sendEmail: { schema: EmailSchema, visibilityTimeoutMs: 60_000 } },\n  jobs: {\n    sendEmail: async ({ payload }) => console.log(payload),\n  },\n});\n`;
  const app: Files = {
    'package.json': JSON.stringify({ name: 'app', private: true }),
    'src/redis-worker.ts': 'export class RedisWorker {\n  constructor(_options: unknown) {}\n  enqueue(_request: unknown) {}\n}\n',
    'src/worker.ts': worker('  to: z.string(),'),
    'src/invite.ts': "import { worker } from './worker';\n\nexport const invite = (to: string) => worker.enqueue({ job: 'sendEmail', payload: { to } });\n",
  };

  it('reads each job\'s payload from its catalog entry, and reports a new required field there', async () => {
    const repo = deploy(app);
    repo.write({ 'src/worker.ts': worker('  to: z.string(),\n  locale: z.string(),'), 'src/invite.ts': app['src/invite.ts']!.replace('payload: { to }', "payload: { to, locale: 'en' }") });
    const messages = await lintFiles(repo.dir, ['.'], { settings: { adapters: [REDIS] } });
    expect(summary(messages)).toEqual(['safe-jobs/no-new-required-param@src/worker.ts:6']);
    expect(messages[0]!.message).toMatch(/^Job 'sendEmail' now requires payload field 'locale'/);
  });

  it('reads handlers written as bound methods of the class that makes the worker', async () => {
    const engine = (jobs: string) =>
      `import { RedisWorker } from './redis-worker';\n\nexport class Engine {\n  worker = new RedisWorker({\n    catalog: {},\n    jobs: {\n${jobs}\n    },\n  });\n\n  async #deliver({ payload }: { payload: { url: string } }) {\n    await fetch(payload.url);\n  }\n\n  private async purge() {\n    console.log('purge');\n  }\n}\n`;
    const repo = deploy({
      ...app,
      'src/engine.ts': engine("      'webhook.deliver': this.#deliver.bind(this),\n      purge: this.purge.bind(this),"),
      'src/send.ts': "import type { Engine } from './engine';\n\nexport const send = (engine: Engine, url: string) => engine.worker.enqueue({ job: 'webhook.deliver', payload: { url } });\n",
    });
    repo.write({ 'src/engine.ts': engine('      purge: this.purge.bind(this),') });
    const messages = await lintFiles(repo.dir, ['.'], { settings: { adapters: [REDIS] } });
    expect(summary(messages)).toEqual(['safe-jobs/no-deleted-enqueued-job@src/send.ts:3']);
    expect(messages[0]!.message).toMatch(/^This enqueues job 'webhook\.deliver', which is deleted: no current code handles it/);
  });

  it('is silent when the catalog is not declared: the handler says nothing about the payload', async () => {
    const repo = deploy(app);
    repo.write({ 'src/worker.ts': worker('  to: z.string(),\n  locale: z.string(),') });
    const { schemas: _schemas, ...withoutSchemas } = REDIS.maps[0]!;
    expect(await lintFiles(repo.dir, ['.'], { settings: { adapters: [{ ...REDIS, maps: [withoutSchemas] }] } })).toEqual([]);
  });
});

describe('settings of the in-house shapes', () => {
  it.each([
    [{ type: 'string-registry', name: 'x', definitions: [{ name: 'id', handler: 'run' }] }, /definitions\.0: needs `types` or `calls`/],
    [{ type: 'string-registry', name: 'x', definitions: [{ types: ['T'], name: 'trigger..name', handler: 'run' }] }, /definitions\.0\.name: must be a key path/],
    [{ type: 'string-registry', name: 'x', definitions: [{ types: ['T'], name: 'id', handler: 'run', payloadKey: 'a.b' }] }, /definitions\.0\.payloadKey: must be an identifier/],
    [{ type: 'class-job', name: 'x', baseClasses: ['B'], enqueue: { producers: [{ methods: ['add'], arg: 0 }] } }, /enqueue\.producers\.0\.baseClasses/],
    [{ type: 'class-job', name: 'x', baseClasses: ['B'], wireName: { superArgument: 'yes' } }, /wireName\.superArgument/],
    [{ type: 'class-job', name: 'x', baseClasses: ['B'], payload: 'data' }, /adapters\.0\.payload/],
    [{ type: 'class-job', name: 'x', baseClasses: ['B'], wireName: { fileName: 1 } }, /wireName\.fileName/],
    [{ type: 'string-registry', name: 'x', maps: [{ constructors: ['W'], argIndex: 0, schemas: { key: 'schema' } }] }, /maps\.0\.schemas\.property/],
    [{ type: 'string-registry', name: 'x', enqueue: [{ methods: ['send'], nameArg: 0, payloadArg: 0, payload: 'request', requestKeys: { name: 'job.', data: 'data' } }] }, /requestKeys\.name: must be a key path/],
  ])('explains a bad declaration %j', (adapter, message) => {
    const result = readSettings({ 'safe-jobs': { adapters: [adapter] } }, {});
    expect('error' in result && result.error).toMatch(message);
  });
});

async function runCli(args: string[]): Promise<{ status: number; stdout: string }> {
  let stdout = '';
  const status = await main(args, { write: (chunk: string) => (stdout += chunk) }, { write: () => true });
  return { status, stdout };
}

describe('an in-house layer that names the framework it runs on', () => {
  const ENQUEUE_ONLY = (framework?: string) => ({
    type: 'string-registry',
    name: 'inbox-queue',
    ...(framework ? { framework } : {}),
    enqueue: [{ methods: ['triggerJob'], nameArg: 0, payloadArg: 1, payload: 'single', bare: true }],
  });
  const task = (fields: string) => `import { task } from '@trigger.dev/sdk';\n\nexport const setup = task({\n  id: 'initial-setup',\n  run: async (payload: { ${fields} }) => {\n    console.log(payload);\n  },\n});\n`;
  const app: Files = {
    'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { '@trigger.dev/sdk': '^4.0.0' } }),
    'src/setup.ts': task('teamId: string'),
    'src/inbox.ts': "declare function triggerJob(name: string, payload: unknown): Promise<void>;\n\nexport const start = () => triggerJob('initial-setup', { inboxId: 'i' });\n",
  };

  it('keeps its sites away from another framework\'s job of the same name', async () => {
    const plain = deploy(app);
    plain.write({ 'src/setup.ts': task('teamId: string; inboxId: string') });
    // Without `framework`, the in-house call reaches the Trigger.dev task: its missing field is reported there.
    expect(summary(await lintFiles(plain.dir, ['.'], { settings: { adapters: [ENQUEUE_ONLY()] } }))).toContain('safe-jobs/enqueue-args-match@src/inbox.ts:3');
    const scoped = deploy(app);
    scoped.write({ 'src/setup.ts': task('teamId: string; inboxId: string') });
    const messages = await lintFiles(scoped.dir, ['.'], { settings: { adapters: [ENQUEUE_ONLY('bullmq')] } });
    expect(summary(messages).filter((entry) => entry.includes('src/inbox.ts'))).toEqual(['safe-jobs/no-unknown-job@src/inbox.ts:3']);
  });

  it('explains a framework that is not one', () => {
    const result = readSettings({ 'safe-jobs': { adapters: [ENQUEUE_ONLY('activejob')] } }, {});
    expect(result).toMatchObject({ error: expect.stringMatching(/adapters\.0\.framework: 'activejob' is not a framework/) });
  });
});
