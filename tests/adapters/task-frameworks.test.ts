/**
 * Extraction for Trigger.dev (task definitions), graphile-worker (task directories, task lists,
 * SQL), Temporal (workflow and activity modules) and Inngest (functions triggered by events): the
 * fixtures (which type-check against the real libraries), then single shapes.
 */
import { describe, expect, it } from 'vitest';
import type { ContractSet, JobContract } from '../../src/model/contract.js';
import { buildContracts } from '../helpers/fixture-project.js';
import { packageJson, readFixture } from './frameworks-fixtures.js';
import { jobsByName } from '../helpers/contracts.js';

function fields(job: JobContract | undefined): string[] | undefined {
  return job?.fields.map((field) => `${field.name}${field.optionality === 'required' ? '' : field.optionality === 'default' ? '=' : '?'}${field.type ? `: ${field.type}` : ''}`);
}

function jobs(set: ContractSet): string[] {
  return [...set.jobs.values()].map((job) => `${job.wireName} ${job.adapter} ${job.location.file}:${job.location.span.start.line}`);
}

function sites(set: ContractSet): string[] {
  return set.sites.map((site) => `${site.wireName} ${site.nameSource} ${site.method} ${site.location.file}:${site.location.span.start.line} ${site.args.hasSpread ? '*' : JSON.stringify(site.args.objectKeys)}`);
}

describe('trigger.dev preset', () => {
  const set = buildContracts({ 'package.json': packageJson({ '@trigger.dev/sdk': '4.8.3' }), ...readFixture('trigger.dev') });

  it('finds task, schemaTask and schedules.task definitions, named by their id', () => {
    expect(jobs(set)).toEqual(['welcome-email trigger.dev src/tasks.ts:11', 'resize-image trigger.dev src/tasks.ts:21', 'cleanup trigger.dev src/tasks.ts:30', 'daily-digest trigger.dev src/tasks.ts:38']);
    for (const job of set.jobs.values()) expect(job).toMatchObject({ style: 'payload', handler: 'run', serialization: 'custom' });
  });

  it('reads the payload from a zod schema (by reference or inline, .optional() and .default() honoured) or the type of run', () => {
    expect(fields(jobsByName(set).get('welcome-email'))).toEqual(['userId: string', "plan=: 'free'|'pro'", 'note?: string']);
    expect(jobsByName(set).get('welcome-email')!.fields[0]).toMatchObject({ makeOptional: { text: '.optional()' } });
    expect(fields(jobsByName(set).get('cleanup'))).toEqual(['days: number', 'dryRun?: boolean']);
    expect(fields(jobsByName(set).get('resize-image'))).toEqual(['url: string', 'width: number', 'height?: number']);
  });

  it('finds triggers through the task object and by id, batches item by item, and ignores dynamic ids', () => {
    expect(sites(set)).toEqual([
      'welcome-email class trigger src/enqueue.ts:6 ["userId"]',
      'resize-image class batchTrigger src/enqueue.ts:7 ["url","width"]',
      'cleanup string trigger src/enqueue.ts:8 ["days"]',
      'resize-image string trigger src/enqueue.ts:9 ["url","width"]',
    ]);
  });

  it('takes .trigger() only on task objects, and batch.triggerByTask items by their task', () => {
    const set = buildContracts({
      'package.json': packageJson({ '@trigger.dev/sdk': '4.8.3' }),
      'tasks.ts': "import { task } from '@trigger.dev/sdk';\nexport const hello = task({ id: 'hello', run: async (payload: { name: string }) => payload.name });\n",
      'app.ts': "import { batch } from '@trigger.dev/sdk';\nimport { hello } from './tasks';\ndeclare const $: (selector: string) => { trigger(event: string): void };\n$('#form').trigger('submit');\nawait batch.triggerByTask([{ task: hello, payload: { name: 'a' } }]);\n",
    });
    expect(sites(set)).toEqual(['hello class triggerByTask app.ts:5 ["name"]']);
  });
});

describe('graphile-worker preset', () => {
  const set = buildContracts({ 'package.json': packageJson({ 'graphile-worker': '0.16.6' }), ...readFixture('graphile-worker') });

  it('finds task files of a tasks directory (the path is the identifier) and taskList entries', () => {
    expect(jobs(set)).toEqual(['send_email graphile-worker src/tasks/send_email.ts:4', 'generate_report graphile-worker src/worker.ts:9']);
  });

  it('types the payload by the first parameter, else by the GraphileWorker.Tasks declaration', () => {
    expect(fields(jobsByName(set).get('send_email'))).toEqual(['to: string', 'subject: string', 'cc?: string']);
    expect(jobsByName(set).get('send_email')!.fields[0]).toMatchObject({ file: 'src/types.ts' });
    expect(fields(jobsByName(set).get('generate_report'))).toEqual(['reportId: number', 'format?: string']);
  });

  it('finds addJob, quickAddJob and graphile_worker.add_job in SQL', () => {
    expect(sites(set)).toEqual([
      'send_email string addJob src/enqueue.ts:6 ["to","subject"]',
      'generate_report string quickAddJob src/enqueue.ts:7 ["reportId"]',
      'send_email string graphile_worker.add_job src/enqueue.ts:8 *',
    ]);
  });

  it('reads JavaScript task files in nested folders, and addJob taken from the helpers', () => {
    const set = buildContracts({
      'package.json': packageJson({ 'graphile-worker': '0.16.6' }),
      'tasks/users/welcome.js': "module.exports = async (payload, { addJob }) => {\n  await addJob('users/audit', { userId: payload.userId });\n};\n",
      'tasks/users/audit.js': 'export default async function audit({ userId, reason = null }, helpers) {\n  helpers.logger.info(String(userId));\n}\n',
      'lib/tasks.test.js': 'module.exports = async (payload, helpers) => {};\n',
    });
    expect(jobs(set)).toEqual(['users/welcome graphile-worker tasks/users/welcome.js:1', 'users/audit graphile-worker tasks/users/audit.js:1']);
    expect(fields(jobsByName(set).get('users/audit'))).toEqual(['userId', 'reason=']);
    expect(sites(set)).toEqual(['users/audit string addJob tasks/users/welcome.js:2 ["userId"]']);
  });
});

describe('temporal preset', () => {
  const set = buildContracts({ 'package.json': packageJson({ '@temporalio/client': '1.24.0', '@temporalio/workflow': '1.24.0' }), ...readFixture('temporal') });

  it('finds the exported functions of workflow modules and of the activity modules they proxy, with positional arguments', () => {
    expect(jobs(set)).toEqual(['processOrder temporal src/workflows.ts:6', 'auditOrder temporal src/workflows.ts:13', 'chargeCard temporal src/activities.ts:7', 'sendReceipt temporal src/activities.ts:13']);
    expect(jobsByName(set).get('processOrder')!.params.map((param) => param.name)).toEqual(['orderId', 'email', 'amountCents']);
    expect(jobsByName(set).get('chargeCard')).toMatchObject({ style: 'payload' });
    expect(fields(jobsByName(set).get('chargeCard'))).toEqual(['orderId: string', 'amountCents: number', 'currency?: string']);
  });

  it('finds workflow starts by function or by name with their args, child workflows, and calls of proxied activities', () => {
    expect(sites(set)).toEqual([
      'processOrder class start src/client.ts:6 undefined',
      'auditOrder string start src/client.ts:7 undefined',
      'chargeCard class chargeCard src/workflows.ts:7 ["orderId","amountCents"]',
      'sendReceipt class sendReceipt src/workflows.ts:8 undefined',
      'auditOrder class executeChild src/workflows.ts:9 undefined',
      'sendReceipt class sendReceipt src/workflows.ts:15 undefined',
    ]);
    expect(set.sites.map((site) => site.args.count)).toEqual([3, 1, 1, 2, 1, 2]);
  });

  it('reads activities called through the proxy object, and leaves modules without the workflow package alone', () => {
    const set = buildContracts({
      'package.json': packageJson({ '@temporalio/workflow': '1.24.0' }),
      'acts.ts': 'export async function greet(name: string) {\n  return `hi ${name}`;\n}\n',
      'wf.ts': "import { proxyActivities } from '@temporalio/workflow';\nimport type * as acts from './acts';\nconst a = proxyActivities<typeof acts>({ startToCloseTimeout: 1000 });\nexport async function hello(name: string) {\n  return a.greet(name);\n}\n",
      'plain.ts': 'export async function notAWorkflow(id: number) {\n  return id;\n}\n',
    });
    expect(jobs(set)).toEqual(['hello temporal wf.ts:4', 'greet temporal acts.ts:1']);
    expect(sites(set)).toEqual(['greet class greet wf.ts:5 undefined']);
  });
});

describe('inngest preset', () => {
  const set = buildContracts({ 'package.json': packageJson({ inngest: '4.24.0' }), ...readFixture('inngest') });

  it('finds a function per event it is triggered by, named by the event, typed by the event type (zod or staticSchema)', () => {
    expect(jobs(set)).toEqual(['app/user.created inngest src/functions.ts:3', 'app/order.placed inngest src/functions.ts:9']);
    expect(fields(jobsByName(set).get('app/user.created'))).toEqual(['userId: string', 'plan?: string']);
    expect(jobsByName(set).get('app/user.created')!.fields[0]).toMatchObject({ file: 'src/client.ts' });
    // A trigger that names its event by string is typed by the event type of that name.
    expect(fields(jobsByName(set).get('app/order.placed'))).toEqual(['orderId: string', 'totalCents: number', 'coupon?: string']);
  });

  it('finds events sent as { name, data } by inngest.send and step.sendEvent, and created from an event type', () => {
    expect(sites(set)).toEqual([
      'app/order.placed string sendEvent src/functions.ts:6 ["orderId","totalCents"]',
      'app/user.created class send src/signup.ts:4 ["userId"]',
      'app/order.placed string send src/signup.ts:5 ["orderId","totalCents"]',
    ]);
  });

  it('reads v3 triggers given as the second argument, and send only on an Inngest client', () => {
    const set = buildContracts({
      'package.json': packageJson({ inngest: '3.40.0' }),
      'fns.ts': "import { Inngest } from 'inngest';\nconst client = new Inngest({ id: 'app' });\nexport const hello = client.createFunction({ id: 'hello' }, { event: 'test/hello' }, async ({ event }) => event.data);\nexport async function run(res: { send(body: object): void }) {\n  res.send({ name: 'test/hello', data: {} });\n  await client.send({ name: 'test/hello', data: { to: 'a' } });\n}\n",
    });
    expect(jobs(set)).toEqual(['test/hello inngest fns.ts:3']);
    expect(sites(set)).toEqual(['test/hello string send fns.ts:6 ["to"]']);
  });
});
