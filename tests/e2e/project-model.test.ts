/**
 * The project model end to end: imports resolved as TypeScript resolves them (tsconfig paths
 * through an `extends` chain, jsconfig paths, workspace packages of a monorepo, barrels and
 * renaming re-exports), in both versions, through ESLint and `safe-jobs check`. Each case is a
 * real git repository: N committed, N+1 edited in the working tree.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/run.js';
import { summary, useDeployments } from '../helpers/deployed.js';
import type { Files } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';

const deploy = useDeployments();


async function check(cwd: string): Promise<{ code: number; findings: Array<{ rule: string; file: string; line: number }> }> {
  let out = '';
  const sink = { isTTY: false, write: (chunk: string) => (out += chunk) };
  const code = await main(['check', '--format', 'json', '--cwd', cwd], sink, { isTTY: false, write: () => true });
  const findings = (JSON.parse(out) as { findings: Array<{ rule: string; file: string; line: number }> }).findings;
  return { code, findings: findings.map((finding) => ({ rule: finding.rule, file: finding.file, line: finding.line })) };
}

const APPLICATION_JOB = 'export abstract class ApplicationJob {\n  static performLater(..._args: unknown[]) {}\n}\n';

describe('tsconfig paths', () => {
  /** Every import of the app goes through `@/`, declared in a base config that tsconfig.json extends. */
  const aliasedApp: Files = {
    'package.json': '{ "name": "app", "private": true }\n',
    'tsconfig.base.json': '{\n  // comments are allowed here, as TypeScript allows them\n  "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"] } }\n}\n',
    'tsconfig.json': '{ "extends": "./tsconfig.base.json", "compilerOptions": { "strict": true } }\n',
    'src/jobs/application-job.ts': APPLICATION_JOB,
    'src/types/welcome.ts': 'export interface WelcomePayload {\n  userId: number;\n}\n',
    'src/jobs/welcome-job.ts':
      "import { ApplicationJob } from '@/jobs/application-job';\nimport type { WelcomePayload } from '@/types/welcome';\n\nexport class WelcomeJob extends ApplicationJob {\n  perform(payload: WelcomePayload) {\n    console.log(payload.userId);\n  }\n}\n",
    'src/signup.ts': "import { WelcomeJob } from '@/jobs/welcome-job';\n\nexport const signUp = (userId: number) => WelcomeJob.performLater({ userId });\n",
  };

  it('reports a required field added to a payload interface imported through an alias, and the fix makes it optional', async () => {
    const repo = deploy(aliasedApp);
    repo.write({ 'src/types/welcome.ts': 'export interface WelcomePayload {\n  userId: number;\n  locale: string;\n}\n' });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-new-required-param@src/types/welcome.ts:3']);
    await lintFiles(repo.dir, ['.'], { fix: true });
    expect(readFileSync(repo.path('src/types/welcome.ts'), 'utf8')).toBe('export interface WelcomePayload {\n  userId: number;\n  locale?: string;\n}\n');
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('reports a job deleted while an aliased import still enqueues it, from ESLint and from safe-jobs check', async () => {
    const repo = deploy(aliasedApp);
    repo.write({ 'src/jobs/welcome-job.ts': null });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-deleted-enqueued-job@src/signup.ts:3']);
    const result = await check(repo.dir);
    expect(result.code).toBe(1);
    expect(result.findings.map((finding) => finding.rule)).toContain('safe-jobs/no-deleted-enqueued-job');
  });

  const javascriptApp: Files = {
    'package.json': '{ "name": "app", "private": true, "type": "module" }\n',
    'jsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "~/*": ["lib/*"] } } }\n',
    'lib/jobs/application-job.js': 'export class ApplicationJob {\n  static performLater() {}\n}\n',
    'lib/jobs/welcome-job.js': "import { ApplicationJob } from '~/jobs/application-job.js';\n\nexport class WelcomeJob extends ApplicationJob {\n  perform(userId) {\n    console.log(userId);\n  }\n}\n",
    'lib/signup.js': "import { WelcomeJob } from '~/jobs/welcome-job.js';\n\nexport const signUp = (userId) => WelcomeJob.performLater(userId);\n",
  };

  it('follows jsconfig.json paths in a JavaScript project: a new required parameter', async () => {
    const repo = deploy(javascriptApp);
    repo.write({ 'lib/jobs/welcome-job.js': "import { ApplicationJob } from '~/jobs/application-job.js';\n\nexport class WelcomeJob extends ApplicationJob {\n  perform(userId, locale) {\n    console.log(userId, locale);\n  }\n}\n" });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-new-required-param@lib/jobs/welcome-job.js:4', 'safe-jobs/enqueue-args-match@lib/signup.js:3']);
  });

  it('follows jsconfig.json paths in a JavaScript project: a deleted job still enqueued', async () => {
    const repo = deploy(javascriptApp);
    repo.write({ 'lib/jobs/welcome-job.js': null });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-deleted-enqueued-job@lib/signup.js:3']);
  });

  it('resolves a queue name imported through a jsconfig alias: a worker deleted while its queue is still fed', async () => {
    const repo = deploy({
      'package.json': '{ "name": "app", "type": "module", "dependencies": { "bullmq": "6.7.0" } }\n',
      'jsconfig.json': '{ "compilerOptions": { "paths": { "#queues/*": ["./src/queues/*"] } } }\n',
      'src/queues/names.js': "export const EMAIL_QUEUE = 'email';\n",
      'src/worker.js': "import { Worker } from 'bullmq';\nimport { EMAIL_QUEUE } from '#queues/names.js';\n\nexport const worker = new Worker(EMAIL_QUEUE, async (job) => {\n  console.log(job.data.to);\n});\n",
      'src/send.js': "import { Queue } from 'bullmq';\nimport { EMAIL_QUEUE } from '#queues/names.js';\n\nconst queue = new Queue(EMAIL_QUEUE);\n\nexport const send = (to) => queue.add('send', { to });\n",
    });
    repo.write({ 'src/worker.js': null });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-deleted-enqueued-job@src/send.js:6']);
  });
});

describe('workspace packages', () => {
  /**
   * A pnpm monorepo: the queue names and payload types live in a shared package whose
   * package.json points at an unbuilt `dist/`; the worker (TypeScript) and the web app
   * (JavaScript) import it by name. The baseline, read from git, has no node_modules.
   */
  const monorepo: Files = {
    'package.json': '{ "name": "acme", "private": true }\n',
    'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n  - 'packages/*'\n  - '!packages/legacy'\n",
    'packages/shared/package.json': '{ "name": "@acme/shared", "main": "./dist/index.js", "types": "./dist/index.d.ts" }\n',
    'packages/shared/src/index.ts': "export * from './queues';\n",
    'packages/shared/src/queues.ts': "export enum QueueName {\n  Email = 'email',\n}\n\nexport interface EmailPayload {\n  to: string;\n}\n",
    'apps/worker/package.json': '{ "name": "@acme/worker", "dependencies": { "bullmq": "6.7.0", "@acme/shared": "workspace:*" } }\n',
    'apps/worker/src/worker.ts':
      "import { type Job, Worker } from 'bullmq';\nimport { type EmailPayload, QueueName } from '@acme/shared';\n\nexport const worker = new Worker(QueueName.Email, async (job: Job<EmailPayload>) => {\n  console.log(job.data.to);\n});\n",
    'apps/web/package.json': '{ "name": "@acme/web", "type": "module", "dependencies": { "bullmq": "6.7.0", "@acme/shared": "workspace:*" } }\n',
    'apps/web/src/send.js': "import { Queue } from 'bullmq';\nimport { QueueName } from '@acme/shared';\n\nconst queue = new Queue(QueueName.Email);\n\nexport const send = (to) => queue.add('send', { to });\n",
  };

  it('reports a required field added to a shared payload type, and runs from the package folder as from the root', async () => {
    const repo = deploy(monorepo);
    repo.write({ 'packages/shared/src/queues.ts': "export enum QueueName {\n  Email = 'email',\n}\n\nexport interface EmailPayload {\n  to: string;\n  subject: string;\n}\n" });
    const expected = ['safe-jobs/enqueue-args-match@apps/web/src/send.js:6', 'safe-jobs/no-new-required-param@packages/shared/src/queues.ts:7'];
    expect(summary(await lintFiles(repo.dir))).toEqual(expected);
    const fromRoot = await check(repo.dir);
    const fromPackage = await check(repo.path('apps/web'));
    expect(fromRoot.findings.map((finding) => `${finding.rule}@${finding.file}:${finding.line}`).sort()).toEqual(expected);
    expect(fromPackage).toEqual(fromRoot);
  });

  it('reports on the web package a worker deleted in another package, when ESLint runs in the web package only', async () => {
    const repo = deploy(monorepo);
    repo.write({ 'apps/worker/src/worker.ts': null });
    expect(summary(await lintFiles(repo.path('apps/web')))).toEqual(['safe-jobs/no-deleted-enqueued-job@src/send.js:6']);
  });

  it('stays silent when the shared package moves its entry point (an import switched to a subpath of the same module)', async () => {
    const repo = deploy(monorepo);
    repo.write({
      'packages/shared/package.json': '{ "name": "@acme/shared", "exports": { ".": { "types": "./src/index.ts", "default": "./dist/index.js" }, "./queues": "./dist/queues.js" } }\n',
      'apps/worker/src/worker.ts':
        "import { type Job, Worker } from 'bullmq';\nimport { type EmailPayload, QueueName } from '@acme/shared/queues';\n\nexport const worker = new Worker(QueueName.Email, async (job: Job<EmailPayload>) => {\n  console.log(job.data.to);\n});\n",
    });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('finds no package behind an excluded workspace folder: its imports stay unknown, never deleted', async () => {
    const repo = deploy({
      ...monorepo,
      'packages/legacy/package.json': '{ "name": "@acme/legacy" }\n',
      'packages/legacy/src/index.ts': "export enum LegacyQueue {\n  Email = 'email',\n}\n",
    });
    repo.write({ 'apps/web/src/legacy.js': "import { Queue } from 'bullmq';\nimport { LegacyQueue } from '@acme/legacy';\n\nconst queue = new Queue(LegacyQueue.Email);\n\nexport const send = (to) => queue.add('send', { to });\n" });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });
});

describe('barrels and re-exports', () => {
  const temporal: Files = {
    'package.json': '{ "name": "orders", "dependencies": { "@temporalio/workflow": "1.24.0" } }\n',
    'src/activities/email.ts': "export async function sendReceipt(email: string): Promise<void> {\n  console.log('receipt to', email);\n}\n",
    'src/activities/billing.ts': 'export async function charge(orderId: string): Promise<string> {\n  return `charged ${orderId}`;\n}\n',
    'src/activities/index.ts': "export * from './email';\nexport { charge as chargeCard } from './billing';\n",
    'src/workflows.ts':
      "import { proxyActivities } from '@temporalio/workflow';\nimport type * as activities from './activities';\n\nconst { chargeCard, sendReceipt } = proxyActivities<typeof activities>({ startToCloseTimeout: '1 minute' });\n\nexport async function processOrder(orderId: string, email: string): Promise<void> {\n  await chargeCard(orderId);\n  await sendReceipt(email);\n}\n",
  };

  it('reports a required parameter added to an activity reached only through `export *`', async () => {
    const repo = deploy(temporal);
    repo.write({ 'src/activities/email.ts': "export async function sendReceipt(email: string, locale: string): Promise<void> {\n  console.log('receipt to', email, locale);\n}\n" });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-new-required-param@src/activities/email.ts:1']);
  });

  it('reports a required parameter added to an activity re-exported under another name', async () => {
    const repo = deploy(temporal);
    repo.write({ 'src/activities/billing.ts': 'export async function charge(orderId: string, currency: string): Promise<string> {\n  return `charged ${orderId} in ${currency}`;\n}\n' });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-new-required-param@src/activities/billing.ts:1']);
    expect(messages[0]!.message).toContain("'chargeCard'");
  });

  it('reads an activity a barrel imports and exports again (`import { x } from`, then `export { x }`) as one it re-exports', async () => {
    const repo = deploy(temporal);
    repo.write({ 'src/activities/index.ts': "import { sendReceipt } from './email';\nimport { charge } from './billing';\n\nexport { sendReceipt, charge as chargeCard };\n" });
    expect(await lintFiles(repo.dir)).toEqual([]);
    const changed = deploy(temporal);
    changed.write({
      'src/activities/index.ts': "import { sendReceipt } from './email';\nimport { charge } from './billing';\n\nexport { sendReceipt, charge as chargeCard };\n",
      'src/activities/email.ts': "export async function sendReceipt(email: string, locale: string): Promise<void> {\n  console.log('receipt to', email, locale);\n}\n",
    });
    expect(summary(await lintFiles(changed.dir))).toEqual(['safe-jobs/no-new-required-param@src/activities/email.ts:1']);
  });

  it('stays silent when a workflow switches its import from the modules to their barrel', async () => {
    const repo = deploy({
      ...temporal,
      'src/workflows.ts':
        "import { proxyActivities } from '@temporalio/workflow';\nimport type * as email from './activities/email';\n\nconst { sendReceipt } = proxyActivities<typeof email>({ startToCloseTimeout: '1 minute' });\n\nexport async function processOrder(email: string): Promise<void> {\n  await sendReceipt(email);\n}\n",
    });
    repo.write({
      'src/workflows.ts':
        "import { proxyActivities } from '@temporalio/workflow';\nimport type * as activities from './activities';\n\nconst { sendReceipt } = proxyActivities<typeof activities>({ startToCloseTimeout: '1 minute' });\n\nexport async function processOrder(email: string): Promise<void> {\n  await sendReceipt(email);\n}\n",
    });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('follows a class re-exported through a JavaScript barrel, and cuts a re-export cycle', async () => {
    const repo = deploy({
      'package.json': '{ "name": "app", "type": "module" }\n',
      'src/jobs/application-job.js': 'export class ApplicationJob {\n  static performLater() {}\n}\n',
      'src/jobs/welcome-job.js': "import { ApplicationJob } from './application-job.js';\n\nexport class WelcomeJob extends ApplicationJob {\n  perform(userId) {\n    console.log(userId);\n  }\n}\n",
      'src/jobs/index.js': "export * from './welcome-job.js';\nexport * from './more.js';\n",
      'src/jobs/more.js': "export * from './index.js';\n",
      'src/signup.js': "import { WelcomeJob } from './jobs/index.js';\n\nexport const signUp = (userId) => WelcomeJob.performLater(userId);\n",
    });
    repo.write({ 'src/jobs/welcome-job.js': null, 'src/jobs/index.js': "export * from './more.js';\n" });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-deleted-enqueued-job@src/signup.js:3']);
  });
});

describe('presets chosen by evidence', () => {
  /** Tasks in a package that depends only on the Trigger.dev CLI; the web app triggers through a local re-export of the SDK. */
  const triggerApp: Files = {
    'package.json': '{ "name": "acme", "private": true, "workspaces": ["apps/*"] }\n',
    'apps/tasks/package.json': '{ "name": "@acme/tasks", "devDependencies": { "trigger.dev": "4.8.3" } }\n',
    'apps/tasks/src/welcome.ts':
      "import { task } from '@trigger.dev/sdk';\n\nexport const welcomeEmail = task({\n  id: 'welcome-email',\n  run: async (payload: { userId: string }) => {\n    console.log(payload.userId);\n  },\n});\n",
    'apps/web/package.json': '{ "name": "@acme/web", "devDependencies": { "trigger.dev": "4.8.3" } }\n',
    'apps/web/src/trigger.ts': "export { tasks } from '@trigger.dev/sdk';\n",
    'apps/web/src/signup.ts':
      "import { tasks } from './trigger';\nimport type { welcomeEmail } from '@acme/tasks/src/welcome';\n\nexport const signUp = (userId: string) => tasks.trigger<typeof welcomeEmail>('welcome-email', { userId });\n",
  };

  it('enables a preset for a package that depends on the framework CLI only', async () => {
    const repo = deploy(triggerApp);
    repo.write({ 'apps/tasks/src/welcome.ts': null });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-deleted-enqueued-job@apps/web/src/signup.ts:4']);
  });

  it('resolves a wire name written as the id of a task definition imported from another package', async () => {
    const repo = deploy({
      ...triggerApp,
      'apps/web/src/signup.ts':
        "import { tasks } from './trigger';\nimport { welcomeEmail } from '@acme/tasks/src/welcome';\n\nexport const signUp = (userId: string) => tasks.trigger(welcomeEmail.id, { userId });\n",
    });
    repo.write({ 'apps/tasks/src/welcome.ts': null });
    const result = await check(repo.dir);
    expect(result.findings.filter((finding) => finding.rule === 'safe-jobs/no-deleted-enqueued-job')).toEqual([
      { rule: 'safe-jobs/no-deleted-enqueued-job', file: 'apps/web/src/signup.ts', line: 4 },
    ]);
  });

  it('takes a function that a workflow start names for a workflow, in a module that does not import the SDK', async () => {
    const repo = deploy({
      'package.json': '{ "name": "app", "private": true }\n',
      'src/workflows/nightly.ts': "import { log } from '../log';\n\nexport async function nightlyReport(day: string): Promise<void> {\n  log(day);\n}\n",
      'src/log.ts': 'export const log = (text: string) => console.log(text);\n',
      'src/schedule.ts':
        "import { Client } from '@temporalio/client';\nimport { nightlyReport } from './workflows/nightly';\n\nexport async function schedule(client: Client) {\n  await client.workflow.start(nightlyReport, { taskQueue: 'reports', workflowId: 'nightly', args: ['2026-12-01'] });\n}\n",
    });
    repo.write({ 'src/workflows/nightly.ts': "import { log } from '../log';\n\nexport async function nightlyReport(day: string, format: string): Promise<void> {\n  log(`${day} ${format}`);\n}\n" });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-new-required-param@src/workflows/nightly.ts:3']);
  });

  it('enables a preset for a file that imports the framework, whatever package.json says (an SDK hoisted to nowhere)', async () => {
    const repo = deploy({
      'package.json': '{ "name": "app", "private": true }\n',
      'src/worker.ts': "import { Worker } from 'bullmq';\n\nexport const worker = new Worker('email', async (job: { data: { to: string } }) => {\n  console.log(job.data.to);\n});\n",
      'src/send.ts': "import { Queue } from 'bullmq';\n\nconst queue = new Queue('email');\n\nexport const send = (to: string) => queue.add('send', { to });\n",
    });
    repo.write({ 'src/worker.ts': null });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-deleted-enqueued-job@src/send.ts:5']);
  });

  it('keeps same-named jobs of two frameworks apart: deleting the task is reported at its trigger only, not at the queue\'s producer', async () => {
    const repo = deploy({
      'package.json': '{ "name": "app", "dependencies": { "bullmq": "6.7.0", "@trigger.dev/sdk": "4.8.3" } }\n',
      'src/invoice-task.ts': "import { task } from '@trigger.dev/sdk';\n\nexport const invoice = task({\n  id: 'generate-invoice',\n  run: async (payload: { orderId: string }) => {\n    console.log(payload.orderId);\n  },\n});\n",
      'src/worker.ts': "import { Worker } from 'bullmq';\n\nexport const worker = new Worker('billing', async (job) => {\n  switch (job.name) {\n    case 'generate-invoice':\n      return job.data;\n    default:\n      throw new Error(`unknown ${job.name}`);\n  }\n});\n",
      'src/checkout.ts': "import { tasks } from '@trigger.dev/sdk';\nimport { Queue } from 'bullmq';\n\nconst billing = new Queue('billing');\n\nexport async function checkout(orderId: string) {\n  await billing.add('generate-invoice', { orderId });\n  await tasks.trigger('generate-invoice', { orderId });\n}\n",
    });
    repo.write({ 'src/invoice-task.ts': null });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-deleted-enqueued-job@src/checkout.ts:8']);
  });

  it('lets an in-house enqueue layer (a declared adapter of no framework) reach a framework\'s job of the same name', async () => {
    const settings = {
      adapters: [
        {
          type: 'string-registry',
          name: 'task-queue',
          handler: 'arguments',
          enqueue: [{ methods: ['push'], nameArg: 0, payloadArg: 0, payload: 'request', requestKeys: { name: 'name', data: 'props' }, receiver: { names: ['taskQueue'], types: [] } }],
        },
      ],
    };
    const app: Files = {
      'package.json': JSON.stringify({ name: 'app', dependencies: { bullmq: '6.7.0' } }),
      'src/worker.ts': "import { Worker } from 'bullmq';\n\nexport const worker = new Worker('email', async (job: { data: { to: string } }) => {\n  console.log(job.data.to);\n});\n",
      'src/send.ts': "import { taskQueue } from './task-queue';\n\nexport const send = (to: string) => taskQueue.push({ name: 'email', props: { to } });\n",
      'src/task-queue.ts': 'export const taskQueue = { push: (_request: unknown) => {} };\n',
    };
    // The site names a job that exists: no unknown-job error.
    expect(await lintFiles(deploy(app).dir, ['.'], { settings })).toEqual([]);
    const repo = deploy(app);
    repo.write({ 'src/worker.ts': null });
    expect(summary(await lintFiles(repo.dir, ['.'], { settings }))).toEqual(['safe-jobs/no-deleted-enqueued-job@src/send.ts:3']);
  });
});
