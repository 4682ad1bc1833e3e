/**
 * A BullMQ layer of an application's own: processors registered through a call
 * (`WorkerManager.register(QueueName.X, processor)`), payload types kept in one type keyed by
 * queue (`Job<TQueueJobTypes[QueueName.X]>`), named payload types nested in it, and producers
 * checked against what the deployed workers read deep in the payload. Real git repositories,
 * through ESLint.
 */
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../src/settings.js';
import { summary, useDeployments } from '../helpers/deployed.js';
import type { Files } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';

const deploy = useDeployments();

const WORKERS = { type: 'queue-worker', name: 'app-workers', extends: 'bullmq', registers: [{ methods: ['register'], queueArg: 0, processorArg: 1, receiver: { names: ['WorkerManager'], types: [] } }] };
const settings = { adapters: [WORKERS] };

const queues = (event: string) =>
  [
    'export enum QueueName {',
    "  TraceDelete = 'trace-delete',",
    '}',
    'export enum QueueJobs {',
    "  TraceDelete = 'trace-delete-job',",
    '}',
    '',
    event,
    '',
    'export type TQueueJobTypes = {',
    '  [QueueName.TraceDelete]: {',
    '    id: string;',
    '    payload: TraceEvent;',
    '    name: QueueJobs.TraceDelete;',
    '  };',
    '};',
    '',
  ].join('\n');

const TRACE_EVENT = 'export interface TraceEvent {\n  projectId: string;\n  traceId: string;\n}';

const app = (event = TRACE_EVENT): Files => ({
  'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { bullmq: '^5.0.0' } }),
  'src/queues.ts': queues(event),
  'src/trace-delete.ts':
    "import type { Job } from 'bullmq';\nimport { QueueName, type TQueueJobTypes } from './queues';\n\nexport const traceDeleteProcessor = async (job: Job<TQueueJobTypes[QueueName.TraceDelete]>) => {\n  console.log(job.data.payload);\n};\n",
  'src/app.ts':
    "import { WorkerManager } from './worker-manager';\nimport { QueueName } from './queues';\nimport { traceDeleteProcessor } from './trace-delete';\n\nWorkerManager.register(QueueName.TraceDelete, traceDeleteProcessor, { concurrency: 2 });\n",
  'src/worker-manager.ts': 'export const WorkerManager = { register: (_queue: string, _processor: unknown, _options?: unknown) => {} };\n',
  'src/traces.ts':
    "import { Queue } from 'bullmq';\nimport { QueueJobs, QueueName } from './queues';\n\nconst traceDeleteQueue = new Queue(QueueName.TraceDelete);\n\nexport const deleteTrace = (projectId: string, traceId: string) =>\n  traceDeleteQueue.add(QueueJobs.TraceDelete, { id: traceId, payload: { projectId, traceId }, name: QueueJobs.TraceDelete });\n",
});

describe('processors registered by a call', () => {
  it('reports the removal of a registration whose queue the deployed version still fills', async () => {
    const repo = deploy(app());
    repo.write({ 'src/app.ts': "import { WorkerManager } from './worker-manager';\n\nexport const workers = WorkerManager;\n" });
    const messages = await lintFiles(repo.dir, ['.'], { settings });
    expect(summary(messages)).toEqual(['safe-jobs/no-deleted-enqueued-job@src/traces.ts:7']);
    expect(messages[0]!.message).toMatch(/^Job 'trace-delete' is deleted, but the deployed version \(main at [0-9a-f]{7}\) still enqueues it: its jobs will find no handler\. Restore it until a release without its enqueue calls \(src\/traces.ts:7\)/);
  });

  it('reads nothing from a register call on another object', async () => {
    const repo = deploy({ ...app(), 'src/app.ts': app()['src/app.ts']!.replaceAll('WorkerManager.register', 'Registry.register').replace("import { WorkerManager } from './worker-manager';", "import { WorkerManager as Registry } from './worker-manager';") });
    repo.write({ 'src/app.ts': 'export {};\n' });
    expect(await lintFiles(repo.dir, ['.'], { settings })).toEqual([]);
  });
});

describe('processors registered by a call, in JavaScript', () => {
  it('reads an inline processor that dispatches on the job name, and reports a deleted case still enqueued', async () => {
    const worker = (cases: string) =>
      `import { WorkerManager } from './worker-manager.js';\n\nWorkerManager.register('mail', async (job) => {\n  switch (job.name) {\n${cases}\n    default:\n      throw new Error('unknown job');\n  }\n});\n`;
    const repo = deploy({
      'package.json': JSON.stringify({ name: 'app', type: 'module', dependencies: { bullmq: '^5.0.0' } }),
      'src/worker-manager.js': 'export const WorkerManager = { register() {} };\n',
      'src/worker.js': worker("    case 'welcome':\n      return sendWelcome(job.data);\n    case 'digest':\n      return sendDigest(job.data);"),
      'src/signup.js': "import { Queue } from 'bullmq';\n\nconst mailQueue = new Queue('mail');\n\nexport const signUp = (user) => mailQueue.add('digest', { userId: user.id });\n",
    });
    repo.write({ 'src/worker.js': worker("    case 'welcome':\n      return sendWelcome(job.data);") });
    const messages = await lintFiles(repo.dir, ['.'], { settings });
    expect(summary(messages)).toEqual(['safe-jobs/no-deleted-enqueued-job@src/signup.js:5']);
    expect(messages[0]!.message).toMatch(/^This enqueues job 'digest', which is deleted: no current code handles it.*\(main at [0-9a-f]{7} does, at src\/signup\.js:5\)/);
  });
});

describe('payload types keyed by queue, with named types inside', () => {
  it('reports a required field added to a named type nested in the indexed payload, by its path', async () => {
    const repo = deploy(app());
    repo.write({ 'src/queues.ts': queues('export interface TraceEvent {\n  projectId: string;\n  traceId: string;\n  orgId: string;\n}') });
    const messages = await lintFiles(repo.dir, ['.'], { settings });
    expect(summary(messages)).toEqual(['safe-jobs/no-new-required-param@src/queues.ts:17']);
    expect(messages[0]!.message).toMatch(/^Job 'trace-delete' now requires payload field 'payload\.orgId', which payloads queued by main at/);
  });

  it('reports a nested field the deployed workers require when a producer of this version leaves it out', async () => {
    const repo = deploy(app());
    repo.write({
      'src/queues.ts': queues('export interface TraceEvent {\n  projectId: string;\n  traceId: string;\n}\nexport interface TracesEvent {\n  projectId: string;\n  traceIds: string[];\n}').replace('payload: TraceEvent;', 'payload: TraceEvent | TracesEvent;'),
      'src/traces.ts': app()['src/traces.ts']!.replace('traceId: string) =>', 'traceIds: string[]) =>').replace('{ id: traceId, payload: { projectId, traceId }', "{ id: 'batch', payload: { projectId, traceIds }"),
    });
    const messages = await lintFiles(repo.dir, ['.'], { settings });
    expect(summary(messages)).toEqual(['safe-jobs/no-incompatible-param-change@src/traces.ts:7']);
    expect(messages[0]!.message).toMatch(/^This enqueues job 'trace-delete' without field\(s\) 'payload\.traceId', which old workers \(main at [0-9a-f]{7}\) require/);
  });

  it('is silent for a union that keeps the old shape while producers still send it', async () => {
    const repo = deploy(app());
    repo.write({
      'src/queues.ts': queues('export interface TraceEvent {\n  projectId: string;\n  traceId: string;\n}\nexport interface TracesEvent {\n  projectId: string;\n  traceIds: string[];\n}').replace('payload: TraceEvent;', 'payload: TraceEvent | TracesEvent;'),
    });
    expect(await lintFiles(repo.dir, ['.'], { settings })).toEqual([]);
  });

  it('leaves a nested type it cannot resolve unknown: no finding in either direction', async () => {
    const repo = deploy(app("export type { TraceEvent } from '@vendor/events';"));
    repo.write({ 'src/traces.ts': app()['src/traces.ts']!.replace('payload: { projectId, traceId }', 'payload: { projectId }') });
    expect(await lintFiles(repo.dir, ['.'], { settings })).toEqual([]);
  });
});

describe('queues reached through getters', () => {
  const getters =
    "import { Queue } from 'bullmq';\n\nlet exportQueue: Queue | null = null;\n\nexport const getExportQueue = () => {\n  if (!exportQueue) exportQueue = process.env.REDIS_URL ? new Queue('export-queue') : null;\n  return exportQueue;\n};\n\nexport class TraceQueue {\n  private static instance: Queue | null = null;\n\n  static getInstance() {\n    TraceQueue.instance ??= new Queue('trace-queue');\n    return TraceQueue.instance;\n  }\n}\n";
  const workers = (queues: string[]) =>
    `import { Worker } from 'bullmq';\n\n${queues.map((queue) => `new Worker('${queue}', async (job) => {\n  console.log(job.data.id);\n});\n`).join('\n')}`;
  const app: Files = {
    'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { bullmq: '^5.0.0' } }),
    'src/queues.ts': getters,
    'src/workers.ts': workers(['export-queue', 'trace-queue']),
    'src/export.ts': "import { getExportQueue, TraceQueue } from './queues';\n\nexport const runExport = async (id: string) => {\n  const queue = getExportQueue();\n  await queue?.add('export-job', { id });\n};\n\nexport const trace = (id: string) => TraceQueue.getInstance()?.add('trace-job', { id });\n",
  };

  it('finds the queue a getter function or a class singleton makes, and reports its worker removed while they fill it', async () => {
    const repo = deploy(app);
    repo.write({ 'src/workers.ts': 'export {};\n' });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-deleted-enqueued-job@src/export.ts:5', 'safe-jobs/no-deleted-enqueued-job@src/export.ts:8']);
    expect(messages[0]!.message).toMatch(/^Job 'export-queue' is deleted, but the deployed version \(main at [0-9a-f]{7}\) still enqueues it: its jobs will find no handler\. Restore it until a release without its enqueue calls \(src\/export\.ts:5\)/);
    expect(messages[1]!.message).toMatch(/^Job 'trace-queue' is deleted, but the deployed version \(main at [0-9a-f]{7}\) still enqueues it: its jobs will find no handler\. Restore it until a release without its enqueue calls \(src\/export\.ts:8\)/);
  });

  it('knows no queue from a getter that makes two', async () => {
    const repo = deploy({ ...app, 'src/queues.ts': getters.replace("new Queue('trace-queue')", "new Queue(process.env.A ? 'trace-queue' : 'export-queue')").replace("return TraceQueue.instance;", "return TraceQueue.instance ?? new Queue('export-queue');") });
    repo.write({ 'src/workers.ts': workers(['export-queue']) });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });
});

describe('queues a factory is given by name', () => {
  const worker = (queue: string, cases: string) =>
    `import { Worker } from 'bullmq';\nimport { QueueName } from './queues';\n\nnew Worker(${queue}, async (job) => {\n  switch (job.name) {\n${cases}\n    default:\n      throw new Error('unknown job');\n  }\n});\n`;
  const app: Files = {
    'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { bullmq: '^5.0.0' } }),
    'src/queues.ts': "import { Queue } from 'bullmq';\n\nexport enum QueueName {\n  Export = 'export',\n  Mail = 'mail',\n}\n\nconst queues = new Map<string, Queue>();\n\nexport const getQueue = (name: QueueName) => queues.get(name) ?? new Queue(name);\n",
    'src/export-worker.ts': worker('QueueName.Export', "    case 'pdf':\n      return 1;\n    case 'csv':\n      return 2;"),
    'src/mail-worker.ts': worker('QueueName.Mail', "    case 'welcome':\n      return 3;\n    case 'reset':\n      return 4;"),
    'src/export.ts': "import { getQueue, QueueName } from './queues';\n\nexport const runExport = (id: string) => getQueue(QueueName.Export).add('csv', { id });\nexport const mail = (id: string) => getQueue('mail').add('welcome', { id });\n",
  };

  it('adds each job to the queue the factory is given: a case removed from that queue\'s worker is reported where the deployed version adds it', async () => {
    const repo = deploy(app);
    repo.write({ 'src/export-worker.ts': worker('QueueName.Export', "    case 'pdf':\n      return 1;"), 'src/mail-worker.ts': worker('QueueName.Mail', "    case 'reset':\n      return 4;") });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-deleted-enqueued-job@src/export.ts:3', 'safe-jobs/no-deleted-enqueued-job@src/export.ts:4']);
    expect(messages.map((message) => message.message.match(/job '(\w+)'/)?.[1])).toEqual(['csv', 'welcome']);
  });

  it('does not read a queue moved between two queues that handle the same name as a move', async () => {
    const repo = deploy({
      ...app,
      'src/mail-worker.ts': worker('QueueName.Mail', "    case 'welcome':\n      return 3;\n    case 'pdf':\n      return 4;"),
      'src/pdf.ts': "import { getQueue, QueueName } from './queues';\n\nexport const pdf = (id: string) => getQueue(QueueName.Export).add('pdf', { id });\n",
    });
    repo.write({ 'src/export-worker.ts': app['src/export-worker.ts']!.replace("    case 'csv':", "    case 'zip':\n      return 3;\n    case 'csv':") });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });
});

describe('names iterated over an array literal', () => {
  it('reads each name a callback enqueues, and reports a case removed while the deployed version still sends it', async () => {
    const worker = (cases: string) =>
      `import { Worker } from 'bullmq';\nimport { GATHER_PROFILES, GATHER_QUOTES } from './names';\n\nnew Worker('statistics', async (job) => {\n  switch (job.name) {\n${cases}\n    default:\n      throw new Error('unknown job');\n  }\n});\n`;
    const repo = deploy({
      'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { bullmq: '^5.0.0' } }),
      'src/names.ts': "export const GATHER_PROFILES = 'gather-profiles';\nexport const GATHER_QUOTES = 'gather-quotes';\n",
      'src/worker.ts': worker('    case GATHER_PROFILES:\n      return 1;\n    case GATHER_QUOTES:\n      return 2;'),
      'src/gather.ts':
        "import { Queue } from 'bullmq';\nimport { GATHER_PROFILES, GATHER_QUOTES } from './names';\n\nconst statisticsQueue = new Queue('statistics');\n\nexport const gather = () => Promise.all([GATHER_PROFILES, GATHER_QUOTES].map((jobName) => statisticsQueue.add(jobName, {})));\n",
    });
    repo.write({ 'src/worker.ts': worker('    case GATHER_PROFILES:\n      return 1;') });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-deleted-enqueued-job@src/gather.ts:6']);
    expect(messages[0]!.message).toMatch(/'gather-quotes'/);
  });
});

describe('settings of a declared queue worker', () => {
  it.each([
    [{ type: 'queue-worker', name: 'x', registers: [{ methods: ['register'], queueArg: 0 }] }, /registers\.0\.processorArg/],
    [{ type: 'queue-worker', name: 'x', extends: 'agenda' }, /'agenda' is a string-registry preset, not a queue-worker one/],
    [{ type: 'queue-worker', name: 'x', processMethods: ['process'] }, /adapters\.0/],
    [{ type: 'queue-worker', name: 'x', registers: [{ methods: ['register'], queueArg: 0, processorArg: 1, receiver: { names: ['WorkerManager'] } }] }, /registers\.0\.receiver\.types/],
  ])('explains a bad declaration %j', (adapter, message) => {
    const result = readSettings({ 'safe-jobs': { adapters: [adapter] } }, {});
    expect('error' in result && result.error).toMatch(message);
  });
});
