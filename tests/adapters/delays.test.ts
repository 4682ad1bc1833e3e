/** Delayed enqueue calls, per framework: the evidence that some jobs outlive the next deploy. */
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/adapters/shared/delays.js';
import { formatDuration } from '../../src/compare/drain.js';
import type { ContractSet } from '../../src/model/contract.js';
import { buildContracts, type Sources } from '../helpers/fixture-project.js';
import { packageJson, readFixture } from './frameworks-fixtures.js';

function build(preset: string, dependencies: Record<string, string>, extra: Sources = {}): ContractSet {
  return buildContracts({ 'package.json': packageJson(dependencies), ...readFixture(preset), ...extra });
}

/** Each site of a file: its job, its method and how late it may run (ms, `date` when only the fact is known, `-` for none; `(retries)` when retries count). */
function delays(set: ContractSet, file: string): string[] {
  return set.sites
    .filter((site) => site.location.file === file)
    .map((site) => `${site.wireName} ${site.method} ${site.delay ? (site.delay.ms ?? 'date') : '-'}${site.delay?.retry ? ' (retries)' : ''}`);
}

describe('delayed enqueue calls', () => {
  it('node-resque: enqueueIn counts milliseconds, enqueueAt is a point in time', () => {
    expect(delays(build('node-resque', { 'node-resque': '9.7.1' }), 'src/enqueue.ts')).toEqual(['add enqueue -', 'multiply enqueueIn 60000', 'subtract enqueueAt date']);
  });

  it("Agenda: schedule('in 5 minutes') is read as a duration; now and every do not delay", () => {
    expect(delays(build('agenda', { agenda: '6.2.6' }), 'src/enqueue.ts')).toEqual(['send email now -', 'cleanup schedule 300000', 'cleanup every -']);
  });

  it('pg-boss: sendAfter counts seconds; startAfter on a request or in the options', () => {
    const extra = {
      'src/later.ts': "import { boss, CLEANUP } from './boss.js';\n\nexport async function later(): Promise<void> {\n  await boss.send('invoice', { invoiceId: 1 }, { startAfter: '2026-12-24T00:00:00Z' });\n  await boss.insert([{ name: CLEANUP, data: { days: 1 }, startAfter: 30 }]);\n  await boss.send({ name: 'invoice', data: { invoiceId: 2 }, options: { startAfter: 120 } });\n}\n",
    };
    const set = build('pg-boss', { 'pg-boss': '10.4.2' }, extra);
    expect(delays(set, 'src/enqueue.ts').filter((site) => site.includes('sendAfter'))).toEqual(['cleanup sendAfter 60000']);
    expect(delays(set, 'src/later.ts')).toEqual(['invoice send date', 'cleanup insert 30000', 'invoice send 120000']);
  });

  it('BullMQ: delay in the options of add, of addBulk items and of flow nodes', () => {
    const extra = {
      'src/later.ts': "import { emailQueue, flows } from './queues.js';\n\nexport async function later(ms: number): Promise<void> {\n  await emailQueue.add('welcome', { userId: 1 }, { delay: 5000 });\n  await emailQueue.addBulk([{ name: 'welcome', data: { userId: 2 }, opts: { delay: 2 * 60 * 1000 } }]);\n  await flows.add({ name: 'welcome', queueName: 'email', data: { userId: 3 }, opts: { delay: ms } });\n  await emailQueue.add('welcome', { userId: 4 }, { delay: 0, attempts: 3 });\n  await emailQueue.add('welcome', { userId: 5 }, { delay: -5000 });\n  await emailQueue.add('welcome', { userId: 6 }, { delay: 1e400 });\n}\n",
    };
    // A negative delay runs the job at once; one too long to write down is a delay of unknown length.
    expect(delays(build('bullmq', { bullmq: '6.7.0' }, extra), 'src/later.ts')).toEqual(['welcome add 5000', 'welcome addBulk 120000', 'welcome add date', 'welcome add -', 'welcome add -', 'welcome add date']);
  });

  it('BullMQ and pg-boss retries with a backoff: the last attempt comes that much later', () => {
    const bullmq = {
      'src/later.ts': "import { emailQueue } from './queues.js';\n\nexport async function later(n: number): Promise<void> {\n  await emailQueue.add('welcome', { userId: 1 }, { attempts: 5, backoff: { type: 'exponential', delay: 1000 } });\n  await emailQueue.add('welcome', { userId: 2 }, { attempts: 3, backoff: 2000 });\n  await emailQueue.add('welcome', { userId: 3 }, { attempts: 3 });\n  await emailQueue.add('welcome', { userId: 4 }, { delay: 1000, attempts: 2, backoff: { type: 'fixed', delay: 500 } });\n  await emailQueue.add('welcome', { userId: 5 }, { attempts: n, backoff: 100 });\n}\n",
    };
    expect(delays(build('bullmq', { bullmq: '6.7.0' }, bullmq), 'src/later.ts')).toEqual([
      'welcome add 15000 (retries)',
      'welcome add 4000 (retries)',
      'welcome add -',
      'welcome add 1500 (retries)',
      'welcome add date (retries)',
    ]);
    const pgBoss = {
      'src/later.ts': "import { boss } from './boss.js';\n\nexport async function later(): Promise<void> {\n  await boss.send('invoice', { invoiceId: 1 }, { retryLimit: 3, retryDelay: 60, retryBackoff: true });\n  await boss.send('invoice', { invoiceId: 2 }, { retryLimit: 2, retryDelay: 30 });\n  await boss.send('invoice', { invoiceId: 3 }, { retryLimit: 2 });\n}\n",
    };
    expect(delays(build('pg-boss', { 'pg-boss': '10.4.2' }, pgBoss), 'src/later.ts')).toEqual(['invoice send 420000 (retries)', 'invoice send 60000 (retries)', 'invoice send -']);
  });

  it("Trigger.dev: delay strings ('1h') on trigger and on batch items", () => {
    const extra = {
      'src/later.ts': "import { batch } from '@trigger.dev/sdk';\nimport { welcomeEmail } from './tasks.js';\n\nexport async function later(): Promise<void> {\n  await welcomeEmail.trigger({ userId: 'u' }, { delay: '1h' });\n  await batch.trigger([{ id: 'resize-image', payload: { url: 'c.png', width: 1 }, options: { delay: '30m' } }]);\n}\n",
    };
    expect(delays(build('trigger.dev', { '@trigger.dev/sdk': '4.8.3', zod: '4.1.0' }, extra), 'src/later.ts')).toEqual(['welcome-email trigger 3600000', 'resize-image trigger 1800000']);
  });

  it('graphile-worker runAt and Temporal startDelay', () => {
    const graphile = { 'src/later.ts': "import { quickAddJob } from 'graphile-worker';\n\nexport async function later(at: Date): Promise<void> {\n  await quickAddJob({}, 'generate_report', { reportId: 1 }, { runAt: at });\n}\n" };
    expect(delays(build('graphile-worker', { 'graphile-worker': '0.16.6' }, graphile), 'src/later.ts')).toEqual(['generate_report quickAddJob date']);
    const temporal = {
      'src/later.ts': "import { Client } from '@temporalio/client';\nimport { processOrder } from './workflows.js';\n\nexport async function later(client: Client): Promise<void> {\n  await client.workflow.start(processOrder, { taskQueue: 'orders', workflowId: 'o-1', args: ['o', 'e', 1], startDelay: '1 day' });\n}\n",
    };
    expect(delays(build('temporal', { '@temporalio/client': '1.24.0', '@temporalio/workflow': '1.24.0' }, temporal), 'src/later.ts')).toEqual(['processOrder start 86400000']);
  });

  it("class jobs: set({ wait }) counts seconds", () => {
    const set = buildContracts({
      'app/jobs/mail-job.ts': 'export class MailJob extends ApplicationJob {\n  perform(id: number) {}\n}\n',
      'app/later.ts': "import { MailJob } from './jobs/mail-job';\n\nMailJob.set({ wait: 3600 }).performLater(1);\nMailJob.set({ queue: 'low' }).performLater(2);\n",
    });
    expect(delays(set, 'app/later.ts')).toEqual(['MailJob performLater 3600000', 'MailJob performLater -']);
  });
});

describe('durations', () => {
  it.each([
    ['6d', 6 * 86_400_000],
    ['in 20 minutes', 20 * 60_000],
    ['90s', 90_000],
    ['1.5 hours', 5_400_000],
    ['250ms', 250],
    ['2 weeks', 14 * 86_400_000],
    ['next tuesday', undefined],
    ['', undefined],
  ])('%j is %s ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    [6 * 86_400_000, '6 days'],
    [90_000, '90 seconds'],
    [5_400_000, '90 minutes'],
    [3_600_000, '1 hour'],
    [36 * 3_600_000, '36 hours'],
    [250, '250 milliseconds'],
    [1.25 * 86_400_000, '30 hours'],
  ])('%d ms reads as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
