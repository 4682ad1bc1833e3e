/**
 * Extraction for the queue-worker adapters (BullMQ, Bull, NestJS) and pg-boss: the fixtures
 * (which type-check against the real libraries), then the shapes one at a time.
 */
import { describe, expect, it } from 'vitest';
import type { ContractSet, JobContract } from '../../src/model/contract.js';
import { buildContracts, type Sources } from '../helpers/fixture-project.js';
import { packageJson, readFixture } from './frameworks-fixtures.js';
import { jobsByName } from '../helpers/contracts.js';

function build(preset: string, dependencies: Record<string, string>): ContractSet {
  return buildContracts({ 'package.json': packageJson(dependencies), ...readFixture(preset) });
}

function fields(job: JobContract | undefined): string[] | undefined {
  return job?.fields.map((field) => `${field.name}${field.optionality === 'required' ? '' : '?'}`);
}

function sites(set: ContractSet): string[] {
  return set.sites.map((site) => `${site.wireName}@${site.queue ?? '-'} ${site.method} ${site.location.file}:${site.location.span.start.line} ${JSON.stringify(site.args.objectKeys)}`);
}

function jobs(set: ContractSet): string[] {
  return [...set.jobs.values()].map((job) => `${job.wireName}@${job.queue ?? '-'} ${job.adapter} ${job.location.file}:${job.location.span.start.line}`);
}

const BULLMQ = { bullmq: '6.7.0' };

describe('bullmq preset', () => {
  const set = build('bullmq', BULLMQ);

  it('finds a job per case of a switch on job.name, and one job for a worker that takes every job of its queue', () => {
    expect(jobs(set)).toEqual(['welcome@email bullmq src/worker.ts:10', 'password-reset@email bullmq src/worker.ts:12', 'reports@reports bullmq src/worker.ts:24']);
  });

  it('types each job by the function a case hands the data to, a cast of job.data, or the Worker type argument', () => {
    expect(fields(jobsByName(set).get('welcome'))).toEqual(['userId', 'locale?']);
    expect(jobsByName(set).get('welcome')!.fields[0]).toMatchObject({ file: 'src/types.ts' });
    expect(fields(jobsByName(set).get('password-reset'))).toEqual(['userId', 'token']);
    expect(fields(jobsByName(set).get('reports'))).toEqual(['reportId', 'format?']);
    for (const job of set.jobs.values()) expect(job.fingerprint!.length).toBeGreaterThan(0);
    expect(jobsByName(set).get('welcome')).toMatchObject({ style: 'payload', serialization: 'json', handler: 'sendWelcome' });
  });

  it('finds add, addBulk (of a literal list or of a .map), upsertJobScheduler and FlowProducer#add, with the queue of the queue object or the flow node', () => {
    expect(sites(set)).toEqual([
      'welcome@email add src/enqueue.ts:5 ["userId"]',
      'password-reset@email addBulk src/enqueue.ts:6 ["userId","token"]',
      'reports@reports upsertJobScheduler src/enqueue.ts:7 ["reportId"]',
      'reports@reports add src/enqueue.ts:8 ["reportId"]',
      'welcome@email add src/enqueue.ts:8 ["userId"]',
      'welcome@email addBulk src/enqueue.ts:14 ["userId","locale"]',
    ]);
  });

  it('records the dispatch and what an unknown name meets', () => {
    expect(set.dispatchers).toEqual([
      expect.objectContaining({ kind: 'switch', unknown: 'throws', names: ['welcome', 'password-reset'], queue: 'email', location: expect.objectContaining({ file: 'src/worker.ts' }) }),
    ]);
  });
});

describe('NestJS with @nestjs/bullmq', () => {
  const set = build('nestjs-bullmq', { bullmq: '6.7.0', '@nestjs/bullmq': '12.0.0' });

  it('finds the cases of WorkerHost.process, typed by the methods they call', () => {
    expect(jobs(set)).toEqual(['push@notifications bullmq src/notifications.processor.ts:18', 'digest@notifications bullmq src/notifications.processor.ts:20']);
    expect(fields(jobsByName(set).get('push'))).toEqual(['userId', 'title']);
    expect(fields(jobsByName(set).get('digest'))).toEqual(['userId', 'since?']);
  });

  it('finds jobs added to an @InjectQueue property, on its queue', () => {
    expect(sites(set)).toEqual(['push@notifications add src/notifications.service.ts:10 ["userId","title"]', 'digest@notifications add src/notifications.service.ts:11 ["userId"]']);
  });
});

describe('bull preset', () => {
  const set = build('bull', { bull: '4.16.5' });

  it('finds queue.process(name, [concurrency,] fn) with the Job<Data> type, and queue.add(name, data)', () => {
    expect(jobs(set)).toEqual(['resize@images bull src/processors.ts:5', 'thumbnail@images bull src/processors.ts:10']);
    expect(fields(jobsByName(set).get('resize'))).toEqual(['url', 'width']);
    expect(sites(set)).toEqual(['resize@images add src/enqueue.ts:4 ["url","width"]', 'thumbnail@images add src/enqueue.ts:5 ["url"]']);
  });

  it('takes queue.process(fn) as the job of the whole queue, and queue.add(data) as a job for it', () => {
    const set = buildContracts({
      'package.json': packageJson({ bull: '4.16.5' }),
      'queue.js': "const Queue = require('bull');\nconst audioQueue = new Queue('audio');\naudioQueue.process(async (job) => job.data.file);\naudioQueue.add({ file: 'a.mp3' });\n",
    });
    expect(jobs(set)).toEqual(['audio@audio bull queue.js:3']);
    expect(sites(set)).toEqual(['audio@audio add queue.js:4 ["file"]']);
  });
});

describe('pg-boss preset', () => {
  const set = build('pg-boss', { 'pg-boss': '10.4.2' });

  it('finds work(name, [options,] handler) with the data typed by work<Data> or Job<Data>[]', () => {
    expect(jobs(set)).toEqual(['invoice@- pg-boss src/workers.ts:6', 'cleanup@- pg-boss src/workers.ts:9']);
    expect(fields(jobsByName(set).get('invoice'))).toEqual(['invoiceId', 'copyTo?']);
    expect(fields(jobsByName(set).get('cleanup'))).toEqual(['days', 'dryRun?']);
  });

  it('finds send, the request form, sendAfter, insert and schedule, and ignores dynamic names', () => {
    expect(sites(set)).toEqual([
      'invoice@- send src/enqueue.ts:4 ["invoiceId"]',
      'invoice@- send src/enqueue.ts:5 ["invoiceId","copyTo"]',
      'cleanup@- sendAfter src/enqueue.ts:6 ["days"]',
      'cleanup@- insert src/enqueue.ts:7 ["days"]',
      'cleanup@- schedule src/enqueue.ts:8 ["days"]',
    ]);
  });

  it('reads the job data destructured in JavaScript: ([{ data: { ... } }]) and ({ data: { ... } })', () => {
    const set = buildContracts({
      'package.json': packageJson({ 'pg-boss': '10.4.2' }),
      'workers.js': "import PgBoss from 'pg-boss';\nconst boss = new PgBoss('postgres://');\nawait boss.work('invoice', async ([{ data: { invoiceId, copyTo = null } }]) => invoiceId + copyTo);\nawait boss.work('cleanup', async ({ data: { days } }) => days);\nawait boss.work('audit', async ([job]) => job.data);\n",
    });
    expect(fields(jobsByName(set).get('invoice'))).toEqual(['invoiceId', 'copyTo?']);
    expect(fields(jobsByName(set).get('cleanup'))).toEqual(['days']);
    // An untyped job says nothing of its data: its members are unknown, not none.
    expect(jobsByName(set).get('audit')).toMatchObject({ fields: [], membersUnknown: true });
  });

  it('reads send and work only on a boss object', () => {
    const set = buildContracts({
      'package.json': packageJson({ 'pg-boss': '10.4.2', express: '5.0.0' }),
      'app.ts': "import PgBoss from 'pg-boss';\nconst queue = new PgBoss('postgres://');\nexport function route(res: { send(text: string): void }, socket: { send(a: string, b: object): void }) {\n  res.send('Hello');\n  socket.send('ping', {});\n  void queue.send('invoice', { id: 1 });\n}\n",
    });
    expect(sites(set)).toEqual(['invoice@- send app.ts:6 ["id"]']);
  });
});

/** A BullMQ project: the worker file, and the code that adds jobs. */
function bullmq(worker: string, enqueue: string, extra: Sources = {}): ContractSet {
  return buildContracts({
    'package.json': packageJson(BULLMQ),
    'queues.ts': "import { Queue } from 'bullmq';\nexport const emailQueue = new Queue('email');\nexport const reportsQueue = new Queue('reports');\n",
    'worker.ts': `import { Worker, type Job } from 'bullmq';\n${worker}`,
    'enqueue.ts': `import { emailQueue, reportsQueue } from './queues';\nimport type { Queue } from 'bullmq';\nexport async function run(queue: Queue, jobs: Set<string>) {\n${enqueue}\n}\n`,
    ...extra,
  });
}

const SWITCH_WORKER = "new Worker('email', async (job: Job) => {\n  switch (job.name) {\n    case 'welcome': return 1;\n    case 'reset': case 'reset-v2': return 2;\n    default: throw new Error(job.name);\n  }\n});\n";

describe('BullMQ names and queues', () => {
  it('makes a site of a name no processor of the queue handles (no-unknown-job), and of a fall-through case for each name', () => {
    const set = bullmq(SWITCH_WORKER, "  await emailQueue.add('welcom', {});\n  await emailQueue.add('reset-v2', {});");
    expect([...jobsByName(set).keys()]).toEqual(['welcome', 'reset', 'reset-v2']);
    expect(set.sites.map((site) => site.wireName)).toEqual(['welcom', 'reset-v2']);
  });

  it('makes no site on a queue no processor of the project reads: its workers live elsewhere', () => {
    const set = bullmq(SWITCH_WORKER, "  await reportsQueue.add('nightly', {});");
    expect(set.sites).toEqual([]);
  });

  it('makes no site of an unknown name on a queue whose processor cannot be read', () => {
    const set = bullmq("new Worker('email', './processor.js');\n", "  await emailQueue.add('welcome', {});");
    expect(set.sites).toEqual([]);
    expect(set.jobs.size).toBe(0);
  });

  it('on a queue object of unknown queue, makes sites only of names some job handles', () => {
    const set = bullmq(SWITCH_WORKER, "  await queue.add('welcome', {});\n  await queue.add('nightly', {});");
    expect(set.sites.map((site) => `${site.wireName}@${site.queue}`)).toEqual(['welcome@undefined']);
  });

  it('never reads add on objects that are not queues', () => {
    const set = bullmq(SWITCH_WORKER, "  jobs.add('welcome');\n  new Set<string>().add('reset');");
    expect(set.sites).toEqual([]);
  });

  it('reads a dispatch on destructured names, if chains and handler maps, and a processor by reference', () => {
    const set = bullmq(
      [
        "import { handlers } from './handlers';",
        "async function processEmail({ name, data }: Job) {\n  if (name === 'welcome' || name === 'hello') return data;\n  else if (name === 'reset') return null;\n  throw new Error(name);\n}",
        "new Worker('email', processEmail);",
        "new Worker('reports', async (job: Job) => {\n  const handler = handlers[job.name as keyof typeof handlers];\n  if (!handler) throw new Error(job.name);\n  return handler(job.data);\n});",
      ].join('\n'),
      "  await reportsQueue.add('daily', { day: 'mon' });",
      { 'handlers.ts': "export const handlers = {\n  daily: async (data: { day: string }) => data.day,\n  weekly: async (data: { week: number; year?: number }) => data.week,\n};\n" },
    );
    expect(jobs(set)).toEqual(['welcome@email bullmq worker.ts:4', 'hello@email bullmq worker.ts:4', 'reset@email bullmq worker.ts:5', 'daily@reports bullmq handlers.ts:2', 'weekly@reports bullmq handlers.ts:3']);
    expect(fields(jobsByName(set).get('weekly'))).toEqual(['week', 'year?']);
    expect(set.dispatchers!.map((dispatcher) => `${dispatcher.kind}:${dispatcher.unknown}:${dispatcher.names.join(',')}`)).toEqual(['if:throws:welcome,hello,reset', 'map:throws:daily,weekly']);
    expect(sites(set)).toEqual(['daily@reports add enqueue.ts:4 ["day"]']);
  });
});
