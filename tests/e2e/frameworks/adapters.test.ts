/**
 * The adapters of part 2 end to end (BullMQ, NestJS on BullMQ, Bull, pg-boss, Trigger.dev,
 * graphile-worker, Temporal, Inngest): fixture code that
 * type-checks against the real library, committed as the deployed version in a real git
 * repository, edited, and linted through ESLint with `configs.recommended`. Adapters are
 * enabled by the package.json dependencies.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { packageJson, readFixture } from '../../adapters/frameworks-fixtures.js';
import type { Sources } from '../../helpers/fixture-project.js';
import { TempRepo } from '../../helpers/git-repo.js';
import { lintFiles, type Message } from '../../helpers/lint.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

function deploy(sources: Sources): TempRepo {
  const repo = new TempRepo();
  repos.push(repo);
  repo.commit(sources);
  return repo;
}

/** `sources` with one text replaced in one file (the replacement must happen). */
function edit(sources: Sources, file: string, from: string, to: string): Sources {
  const text = sources[file]!;
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  return { ...sources, [file]: text.replace(from, to) };
}

const summary = (messages: Message[]) => messages.map((message) => `${message.rule}@${message.file}:${message.line}`);
const ofRule = (messages: Message[], rule: string) => summary(messages.filter((message) => message.rule === `safe-jobs/${rule}`));

type Edit = [file: string, from: string, to: string];

interface QueueCase {
  fixture: string;
  dependencies: Record<string, string>;
  /** A new required payload field, where it is reported, and its fixed form. */
  newRequired: { edit: Edit; at: string; fixed: string };
  /** Deleting one job's handler (an edit, or a whole file) while enqueue sites of it remain: the sites, where it is reported. */
  deletion: { edit: Edit | { remove: string }; at: string[] };
  /** Renaming one job at its handler and its enqueue sites: where the rename is reported. */
  rename: { edits: Edit[]; at: string };
  /** The deployed enqueue of the job `newRequired` changes, delayed, and what the finding then says of it. */
  delayed?: { edit: Edit; says: string };
}

const CASES: QueueCase[] = [
  {
    fixture: 'bullmq',
    delayed: { edit: ['src/enqueue.ts', 'emailQueue.add(EmailJobs.Welcome, { userId });', 'emailQueue.add(EmailJobs.Welcome, { userId }, { delay: 6 * 24 * 60 * 60 * 1000 });'], says: 'with a delay of up to 6 days (src/enqueue.ts:5)' },
    dependencies: { bullmq: '6.7.0' },
    newRequired: { edit: ['src/types.ts', '  userId: number;\n  locale?: string;\n', '  userId: number;\n  locale?: string;\n  plan: string;\n'], at: 'src/types.ts:4', fixed: '  plan?: string;\n' },
    deletion: {
      edit: ['src/worker.ts', "      case EmailJobs.Reset: {\n        const { userId, token } = job.data as ResetData;\n        console.log(`reset link for ${userId}: /reset/${token}`);\n        return token;\n      }\n", ''],
      at: ['src/enqueue.ts:6'],
    },
    rename: {
      edits: [
        ['src/types.ts', "Welcome = 'welcome'", "Welcome = 'welcome-email'"],
        ['src/enqueue.ts', "name: 'welcome', queueName: 'email'", "name: 'welcome-email', queueName: 'email'"],
      ],
      at: 'src/worker.ts:10',
    },
  },
  {
    fixture: 'nestjs-bullmq',
    delayed: { edit: ['src/notifications.service.ts', "add('push', { userId, title: 'Welcome' });", "add('push', { userId, title: 'Welcome' }, { delay: 90_000 });"], says: 'with a delay of up to 90 seconds (src/notifications.service.ts:10)' },
    dependencies: { bullmq: '6.7.0', '@nestjs/bullmq': '12.0.0' },
    newRequired: { edit: ['src/notifications.processor.ts', '  title: string;\n', '  title: string;\n  badge: number;\n'], at: 'src/notifications.processor.ts:7', fixed: '  badge?: number;\n' },
    deletion: { edit: ['src/notifications.processor.ts', "      case 'digest':\n        return this.digest(job as Job<DigestData>);\n", ''], at: ['src/notifications.service.ts:11'] },
    rename: {
      edits: [
        ['src/notifications.processor.ts', "case 'push':", "case 'push-notification':"],
        ['src/notifications.service.ts', "add('push',", "add('push-notification',"],
      ],
      at: 'src/notifications.processor.ts:18',
    },
  },
  {
    fixture: 'bull',
    delayed: { edit: ['src/enqueue.ts', "add('resize', { url, width: 640 });", "add('resize', { url, width: 640 }, { delay: 3_600_000 });"], says: 'with a delay of up to 1 hour (src/enqueue.ts:4)' },
    dependencies: { bull: '4.16.5' },
    newRequired: { edit: ['src/queue.ts', '  width: number;\n', '  width: number;\n  format: string;\n'], at: 'src/queue.ts:6', fixed: '  format?: string;\n' },
    deletion: { edit: ['src/processors.ts', "  void imageQueue.process('thumbnail', async (job: Bull.Job<{ url: string }>) => {\n    console.log(`thumbnail of ${job.data.url}`);\n  });\n", ''], at: ['src/enqueue.ts:5'] },
    rename: {
      edits: [
        ['src/processors.ts', "process('resize',", "process('resize-image',"],
        ['src/enqueue.ts', "add('resize',", "add('resize-image',"],
      ],
      at: 'src/processors.ts:5',
    },
  },
  {
    fixture: 'pg-boss',
    delayed: { edit: ['src/enqueue.ts', "boss.send('invoice', { invoiceId });", "boss.send('invoice', { invoiceId }, { startAfter: 518400 });"], says: 'with a delay of up to 6 days (src/enqueue.ts:4)' },
    dependencies: { 'pg-boss': '10.4.2' },
    newRequired: { edit: ['src/boss.ts', '  invoiceId: number;\n', '  invoiceId: number;\n  currency: string;\n'], at: 'src/boss.ts:7', fixed: '  currency?: string;\n' },
    deletion: {
      edit: ['src/workers.ts', "  await boss.work(CLEANUP, { batchSize: 5 }, async (jobs: PgBoss.Job<{ days: number; dryRun?: boolean }>[]) => {\n    for (const job of jobs) console.log(`cleaning up ${job.data.days} days`);\n  });\n", ''],
      at: ['src/enqueue.ts:6', 'src/enqueue.ts:7', 'src/enqueue.ts:8'],
    },
    rename: {
      edits: [
        ['src/workers.ts', "createQueue('invoice')", "createQueue('invoice-v2')"],
        ['src/workers.ts', "work<InvoiceData>('invoice',", "work<InvoiceData>('invoice-v2',"],
        ['src/enqueue.ts', "send('invoice',", "send('invoice-v2',"],
        ['src/enqueue.ts', "name: 'invoice',", "name: 'invoice-v2',"],
      ],
      at: 'src/workers.ts:6',
    },
  },
  {
    fixture: 'trigger.dev',
    delayed: { edit: ['src/enqueue.ts', 'welcomeEmail.trigger({ userId });', "welcomeEmail.trigger({ userId }, { delay: '6d' });"], says: 'with a delay of up to 6 days (src/enqueue.ts:6)' },
    dependencies: { '@trigger.dev/sdk': '4.8.3', zod: '4.1.0' },
    newRequired: { edit: ['src/tasks.ts', '  userId: z.string(),\n', '  userId: z.string(),\n  locale: z.string(),\n'], at: 'src/tasks.ts:6', fixed: '  locale: z.string().optional(),\n' },
    deletion: {
      edit: ['src/tasks.ts', "export const cleanup = schemaTask({\n  id: 'cleanup',\n  schema: z.object({ days: z.number().int(), dryRun: z.boolean().optional() }),\n  run: async ({ days, dryRun }) => {\n    console.log(`cleaning up ${days} days`, dryRun ? '(dry run)' : '');\n  },\n});\n", ''],
      at: ['src/enqueue.ts:8'],
    },
    rename: {
      edits: [
        ['src/tasks.ts', "id: 'resize-image'", "id: 'image-resize'"],
        ['src/enqueue.ts', "id: 'resize-image'", "id: 'image-resize'"],
      ],
      at: 'src/tasks.ts:21',
    },
  },
  {
    fixture: 'graphile-worker',
    delayed: { edit: ['src/enqueue.ts', "addJob('send_email', { to, subject: 'Welcome' });", "addJob('send_email', { to, subject: 'Welcome' }, { runAt: new Date(Date.now() + 86_400_000) });"], says: 'with a delay (src/enqueue.ts:6)' },
    dependencies: { 'graphile-worker': '0.16.6' },
    newRequired: { edit: ['src/types.ts', '  subject: string;\n', '  subject: string;\n  locale: string;\n'], at: 'src/types.ts:4', fixed: '  locale?: string;\n' },
    deletion: { edit: { remove: 'src/tasks/send_email.ts' }, at: ['src/enqueue.ts:6', 'src/enqueue.ts:8'] },
    rename: {
      edits: [
        ['src/worker.ts', 'generate_report: async', 'build_report: async'],
        ['src/types.ts', 'generate_report:', 'build_report:'],
        ['src/enqueue.ts', "'generate_report'", "'build_report'"],
      ],
      at: 'src/worker.ts:9',
    },
  },
  {
    fixture: 'temporal',
    dependencies: { '@temporalio/client': '1.24.0', '@temporalio/workflow': '1.24.0' },
    newRequired: { edit: ['src/activities.ts', '  amountCents: number;\n', '  amountCents: number;\n  customerId: string;\n'], at: 'src/activities.ts:4', fixed: '  customerId?: string;\n' },
    deletion: {
      edit: ['src/workflows.ts', "export async function auditOrder(orderId: string): Promise<void> {\n  const note = `audited ${orderId}`;\n  await sendReceipt('audit@example.com', note);\n}\n", ''],
      at: ['src/client.ts:7'],
    },
    rename: {
      edits: [
        ['src/activities.ts', 'export async function sendReceipt(', 'export async function emailReceipt('],
        ['src/workflows.ts', '{ chargeCard, sendReceipt }', '{ chargeCard, emailReceipt }'],
        ['src/workflows.ts', 'await sendReceipt(email, receipt);', 'await emailReceipt(email, receipt);'],
        ['src/workflows.ts', "await sendReceipt('audit@example.com', note);", "await emailReceipt('audit@example.com', note);"],
      ],
      at: 'src/activities.ts:13',
    },
  },
  {
    fixture: 'inngest',
    dependencies: { inngest: '4.24.0', zod: '4.1.0' },
    newRequired: { edit: ['src/client.ts', 'plan: z.string().optional() })', 'plan: z.string().optional(), locale: z.string() })'], at: 'src/client.ts:7', fixed: 'locale: z.string().optional() })' },
    deletion: {
      edit: ['src/functions.ts', "export const fulfil = inngest.createFunction({ id: 'fulfil-order', triggers: { event: 'app/order.placed' } }, async ({ event }) => {\n  console.log(`fulfilling ${event.data.orderId} for ${event.data.totalCents}`, event.data.coupon ?? 'no coupon');\n  return { shipped: true, order: orderPlaced.name };\n});\n", ''],
      at: ['src/functions.ts:6', 'src/signup.ts:5'],
    },
    rename: { edits: [['src/client.ts', "eventType('app/user.created'", "eventType('app/user.signed-up'"]], at: 'src/functions.ts:3' },
  },
];

describe.each(CASES)('the $fixture adapter through ESLint', ({ fixture, dependencies, newRequired, deletion, rename, delayed }) => {
  const deployed: Sources = { 'package.json': packageJson(dependencies), ...readFixture(fixture) };

  it('is silent on the deployed code', async () => {
    const repo = deploy(deployed);
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('reports a new required payload field on it, and fixes it to the optional form', async () => {
    const repo = deploy(deployed);
    repo.write(edit(deployed, ...newRequired.edit));
    expect(ofRule(await lintFiles(repo.dir), 'no-new-required-param')).toEqual([`safe-jobs/no-new-required-param@${newRequired.at}`]);
    await lintFiles(repo.dir, ['.'], { fix: true });
    expect(readFileSync(repo.path(newRequired.edit[0]), 'utf8')).toContain(newRequired.fixed);
    expect(ofRule(await lintFiles(repo.dir), 'no-new-required-param')).toEqual([]);
  });

  it.runIf(delayed)('says how long the transitional form must stay when the deployed code delays the job', async () => {
    const { edit: delay, says } = delayed!;
    const delayedDeploy = edit(deployed, ...delay);
    const repo = deploy(delayedDeploy);
    expect(await lintFiles(repo.dir)).toEqual([]);
    repo.write(edit(delayedDeploy, ...newRequired.edit));
    const [finding, ...others] = (await lintFiles(repo.dir)).filter((message) => message.rule === 'safe-jobs/no-new-required-param');
    expect(others).toEqual([]);
    expect(finding!.message).toContain(`Jobs enqueued by main at `);
    expect(finding!.message).toContain(`${says} may still be waiting: take the next step `);
    // Undelayed, the same change says nothing of it.
    const plain = deploy(deployed);
    plain.write(edit(deployed, ...newRequired.edit));
    expect((await lintFiles(plain.dir)).find((message) => message.rule === 'safe-jobs/no-new-required-param')!.message).not.toContain('delay');
  });

  it('reports a deleted job on the enqueue call that still sends it', async () => {
    const repo = deploy(deployed);
    repo.write('remove' in deletion.edit ? { [deletion.edit.remove]: null } : edit(deployed, ...deletion.edit));
    const messages = await lintFiles(repo.dir);
    expect(ofRule(messages, 'no-deleted-enqueued-job')).toEqual(deletion.at.map((at) => `safe-jobs/no-deleted-enqueued-job@${at}`));
    // One problem, one report: the call is not an unknown job as well.
    expect(ofRule(messages, 'no-unknown-job')).toEqual([]);
  });

  it('reports a renamed job name at its handler, not as a deletion', async () => {
    const repo = deploy(deployed);
    repo.write(rename.edits.reduce((sources, [file, from, to]) => edit(sources, file, from, to), deployed));
    const messages = await lintFiles(repo.dir);
    expect(ofRule(messages, 'no-rename-without-alias')).toEqual([`safe-jobs/no-rename-without-alias@${rename.at}`]);
    expect(ofRule(messages, 'no-deleted-enqueued-job')).toEqual([]);
  });
});

describe('no-silent-unknown-job on the BullMQ fixture', () => {
  const deployed: Sources = { 'package.json': packageJson({ bullmq: '6.7.0' }), ...readFixture('bullmq') };

  it('warns on a switch on job.name whose throwing default is removed, with no baseline needed', async () => {
    const repo = deploy(deployed);
    repo.write(edit(deployed, 'src/worker.ts', '      default:\n        throw new Error(`Unknown email job ${job.name}`);\n', ''));
    const messages = await lintFiles(repo.dir, ['.'], { settings: { baseline: 'missing.json' } });
    const silent = messages.filter((message) => message.rule === 'safe-jobs/no-silent-unknown-job');
    expect(summary(silent)).toEqual(['safe-jobs/no-silent-unknown-job@src/worker.ts:9']);
    expect(silent[0]!.severity).toBe(1);
    expect(silent[0]!.message).toMatch(/^The processor of queue 'email' switches on job\.name without a throwing default: a job of any name but 'welcome', 'password-reset'.* completes without running/);
    expect(ofRule(await lintFiles(repo.dir, ['.'], { config: 'strict' }), 'no-silent-unknown-job')).toEqual(['safe-jobs/no-silent-unknown-job@src/worker.ts:9']);
  });

  it('is silent on the switch with a throwing default', async () => {
    const repo = deploy(deployed);
    expect(ofRule(await lintFiles(repo.dir, ['.'], { config: 'strict' }), 'no-silent-unknown-job')).toEqual([]);
  });
});
