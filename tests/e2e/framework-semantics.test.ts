/**
 * What each framework does at run time, as the rules read it: a job enqueued before its workers
 * are deployed waits where the framework keeps unknown jobs queued (Trigger.dev, pg-boss,
 * graphile-worker, Agenda), a call already deployed is not made premature by a change, and a
 * Temporal local activity runs in its workflow's worker, on its version. Real git repositories.
 */
import { rmSync } from 'node:fs';
import { main } from '../../src/cli/run.js';
import { describe, expect, it } from 'vitest';
import { summary, useDeployments } from '../helpers/deployed.js';
import type { Files } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';

const deploy = useDeployments();


describe('no-premature-enqueue and what the framework does with an unknown job', () => {
  it('is silent for a Trigger.dev task added and triggered in one change: the run waits for a deployed version that has it', async () => {
    const repo = deploy({
      'package.json': '{ "name": "app", "dependencies": { "@trigger.dev/sdk": "4.8.3" } }\n',
      'src/welcome.ts': "import { task } from '@trigger.dev/sdk';\n\nexport const welcome = task({ id: 'welcome', run: async (payload: { userId: string }) => {} });\n",
    });
    repo.write({
      'src/tasks.ts': "import { task } from '@trigger.dev/sdk';\n\nexport const digest = task({\n  id: 'digest',\n  run: async (payload: { userId: string }) => {\n    console.log(payload.userId);\n  },\n});\n",
      'src/signup.ts': "import { tasks } from '@trigger.dev/sdk';\n\nexport const signUp = (userId: string) => tasks.trigger('digest', { userId });\n",
    });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('is silent for a pg-boss job added and sent in one change: old workers never fetch a name they do not work', async () => {
    const repo = deploy({
      'package.json': '{ "name": "app", "dependencies": { "pg-boss": "10.4.2" } }\n',
      'src/boss.ts': "import PgBoss from 'pg-boss';\n\nexport const boss = new PgBoss('postgres://localhost/app');\n",
      'src/cleanup.ts': "import { boss } from './boss';\n\nexport const start = () => boss.work('cleanup', async () => {});\n",
    });
    repo.write({
      'src/workers.ts': "import { boss } from './boss';\n\nexport const start = () => boss.work('invoice', async ([job]: Array<{ data: { invoiceId: number } }>) => {\n  console.log(job!.data.invoiceId);\n});\n",
      'src/send.ts': "import { boss } from './boss';\n\nexport const send = (invoiceId: number) => boss.send('invoice', { invoiceId });\n",
    });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('still warns where an old worker fails the job: node-resque', async () => {
    const files: Files = {
      'package.json': '{ "name": "app", "dependencies": { "node-resque": "9.7.1" } }\n',
      'src/jobs.ts': "export const jobs = {\n  add: { perform: async (a: number, b: number) => a + b },\n};\n",
      'src/worker.ts': "import { Worker } from 'node-resque';\nimport { jobs } from './jobs';\n\nexport const worker = new Worker({ queues: ['math'] }, jobs);\n",
      'src/enqueue.ts': "import { Queue } from 'node-resque';\n\nconst queue = new Queue({});\n\nexport const run = () => queue.enqueue('math', 'add', [1, 2]);\n",
    };
    const repo = deploy(files);
    repo.write({
      'src/jobs.ts': "export const jobs = {\n  add: { perform: async (a: number, b: number) => a + b },\n  double: { perform: async (a: number) => 2 * a },\n};\n",
      'src/enqueue.ts': "import { Queue } from 'node-resque';\n\nconst queue = new Queue({});\n\nexport const run = () => queue.enqueue('math', 'add', [1, 2]);\nexport const twice = () => queue.enqueue('math', 'double', [2]);\n",
    });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-premature-enqueue@src/enqueue.ts:6']);
  });

  it('leaves alone a call the deployed version already made, when this change adds the job it names', async () => {
    const repo = deploy({
      'package.json': '{ "name": "app", "dependencies": { "node-resque": "9.7.1" } }\n',
      'src/jobs.ts': "export const jobs = {\n  add: { perform: async (a: number, b: number) => a + b },\n};\n",
      'src/worker.ts': "import { Worker } from 'node-resque';\nimport { jobs } from './jobs';\n\nexport const worker = new Worker({ queues: ['math'] }, jobs);\n",
      'src/enqueue.ts': "import { Queue } from 'node-resque';\n\nconst queue = new Queue({});\n\nexport const twice = () => queue.enqueue('math', 'double', [2]);\n",
    });
    repo.write({ 'src/jobs.ts': "export const jobs = {\n  add: { perform: async (a: number, b: number) => a + b },\n  double: { perform: async (a: number) => 2 * a },\n};\n" });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });
});

describe('Trigger.dev children locked to their parent\'s version', () => {
  const child = (fields: string) => `import { task } from '@trigger.dev/sdk';\n\nexport const convert = task({\n  id: 'convert',\n  run: async (payload: { ${fields} }) => {\n    console.log(payload);\n  },\n});\n`;
  const parent = (call: string) => `import { task } from '@trigger.dev/sdk';\nimport { convert } from './convert';\n\nexport const upload = task({\n  id: 'upload',\n  run: async (payload: { documentId: string }) => {\n    await ${call};\n  },\n});\n`;
  const app = (call: string): Files => ({
    'package.json': '{ "name": "app", "dependencies": { "@trigger.dev/sdk": "4.8.3" } }\n',
    'src/convert.ts': child('documentId: string'),
    'src/upload.ts': parent(call),
  });

  it.each([['convert.triggerAndWait({ documentId: payload.documentId })'], ['convert.batchTriggerAndWait([{ payload: { documentId: payload.documentId } }])']])(
    'is silent for a new required field of a task only ever run by %s: old parents run old children, new parents new ones',
    async (call) => {
      const repo = deploy(app(call));
      repo.write({ 'src/convert.ts': child('documentId: string; teamId: string'), 'src/upload.ts': parent(call.replace('documentId: payload.documentId', "documentId: payload.documentId, teamId: 't'")) });
      expect(await lintFiles(repo.dir)).toEqual([]);
    },
  );

  it('is silent when such a child is deleted together with its parent\'s call', async () => {
    const repo = deploy(app('convert.triggerAndWait({ documentId: payload.documentId })'));
    rmSync(repo.path('src/convert.ts'));
    repo.write({ 'src/upload.ts': "import { task } from '@trigger.dev/sdk';\n\nexport const upload = task({\n  id: 'upload',\n  run: async (payload: { documentId: string }) => {\n    console.log(payload);\n  },\n});\n" });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('still reports it when a plain trigger() reaches the task, in either version: that run starts on the latest version', async () => {
    const repo = deploy({ ...app('convert.triggerAndWait({ documentId: payload.documentId })'), 'src/api.ts': "import { convert } from './convert';\n\nexport const start = (documentId: string) => convert.trigger({ documentId });\n" });
    repo.write({ 'src/convert.ts': child('documentId: string; teamId: string') });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-new-required-param@src/convert.ts:5']);
  });
});

describe('Temporal local activities', () => {
  const app = (proxy: string, activity: string): Files => ({
    'package.json': '{ "name": "app", "dependencies": { "@temporalio/workflow": "1.24.0" } }\n',
    'src/activities.ts': activity,
    'src/workflows.ts': `import { ${proxy} } from '@temporalio/workflow';\nimport type * as activities from './activities';\n\nconst { audit } = ${proxy}<typeof activities>({ startToCloseTimeout: '1 minute' });\n\nexport async function order(id: string): Promise<void> {\n  await audit(id);\n}\n`,
  });
  const before = 'export async function audit(id: string): Promise<void> {\n  console.log(id);\n}\n';
  const after = 'export async function audit(id: string, actor: string): Promise<void> {\n  console.log(id, actor);\n}\n';

  it('never compares a local activity across versions: it runs in its workflow\'s worker, on its version', async () => {
    const repo = deploy(app('proxyLocalActivities', before));
    repo.write({ 'src/activities.ts': after });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('still reports the same change to an activity proxied the ordinary way', async () => {
    const repo = deploy(app('proxyActivities', before));
    repo.write({ 'src/activities.ts': after });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-new-required-param@src/activities.ts:1']);
  });
});

describe('Temporal workflows started on a client named as such', () => {
  const workflows = "import { sleep } from '@temporalio/workflow';\n\nexport async function computeProperties(workspaceId: string): Promise<void> {\n  await sleep(workspaceId.length);\n}\n\nexport async function sendDigest(workspaceId: string): Promise<void> {\n  await sleep(workspaceId.length);\n}\n";
  const app: Files = {
    'package.json': '{ "name": "app", "dependencies": { "@temporalio/workflow": "1.24.0", "@temporalio/client": "1.24.0" } }\n',
    'src/workflows.ts': workflows,
    'src/start.ts':
      "import { WorkflowClient } from '@temporalio/client';\nimport { computeProperties, sendDigest } from './workflows';\nimport { connectWorkflowClient, db } from './connections';\n\nexport async function start(workspaceId: string) {\n  const client = new WorkflowClient();\n  await client.start(computeProperties, { taskQueue: 'q', workflowId: workspaceId, args: [workspaceId] });\n  await (await connectWorkflowClient()).signalWithStart(sendDigest, { taskQueue: 'q', workflowId: workspaceId, signal: 's', args: [workspaceId] });\n  await db.client.execute('SELECT 1', []);\n}\n",
    'src/connections.ts': "export const connectWorkflowClient = async () => ({ signalWithStart: async (..._args: unknown[]) => {} });\nexport const db = { client: { execute: async (..._args: unknown[]) => {} } };\n",
  };

  it('reports a workflow deleted while such a start names it, and a new required argument', async () => {
    const repo = deploy(app);
    repo.write({ 'src/workflows.ts': workflows.replace('export async function computeProperties(workspaceId: string)', 'async function computeProperties(workspaceId: string)').replace('sendDigest(workspaceId: string)', 'sendDigest(workspaceId: string, locale: string)') });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-deleted-enqueued-job@src/start.ts:7', 'safe-jobs/no-new-required-param@src/workflows.ts:7']);
  });

  it('makes no workflow of a function such a call is given, and no site of a string', async () => {
    const repo = deploy({ ...app, 'src/jobs.ts': "import { helper } from './helper';\nimport { client } from './connections-2';\n\nexport const go = () => client.start(helper, {});\n", 'src/helper.ts': 'export function helper() {}\n', 'src/connections-2.ts': 'export const client = { start: (..._args: unknown[]) => {} };\n' });
    repo.write({ 'src/helper.ts': 'export function other() {}\n', 'src/jobs.ts': "import { client } from './connections-2';\n\nexport const go = () => client.start(() => {}, {});\n" });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });
});

describe('a file the baseline could not read', () => {
  it('makes its jobs unknown there: a job in a file that did not parse in the baseline is not new in the change that repairs it', async () => {
    const job = (body: string) => `import { ApplicationJob } from './application-job';\n\nexport class MailJob extends ApplicationJob {\n  perform(id: number) {\n    ${body}\n  }\n}\n`;
    const repo = deploy({
      'package.json': '{ "name": "app", "private": true }\n',
      'src/application-job.ts': 'export abstract class ApplicationJob {\n  static performLater(..._args: unknown[]) {}\n}\n',
      'src/other-job.ts': "import { ApplicationJob } from './application-job';\n\nexport class OtherJob extends ApplicationJob {\n  perform() {}\n}\n",
      'src/mail-job.ts': job('console.log(id'),
      'src/send.ts': "import { MailJob } from './mail-job';\n\nexport const send = (id: number) => MailJob.performLater(id);\n",
    });
    repo.write({ 'src/mail-job.ts': job('console.log(id);') });
    const messages = await lintFiles(repo.dir);
    // No finding derived from its absence there, and one warning that says why nothing is checked.
    expect(summary(messages)).toEqual(['safe-jobs/require-baseline@src/mail-job.ts:1']);
    expect(messages[0]!.severity).toBe(1);
    expect(messages[0]!.message).toMatch(/^safe-jobs could not read this file in the baseline \(main at [0-9a-f]{7}: .+\): no change to its jobs is reported\./);
  });

  it('names a file over the size limit in the baseline, on the file, once', async () => {
    const padding = `// ${'x'.repeat(200)}\n`.repeat(5_500);
    const job = "import { ApplicationJob } from './application-job';\n\nexport class ExportJob extends ApplicationJob {\n  perform(id: number) {\n    console.log(id);\n  }\n}\n";
    const repo = deploy({
      'package.json': '{ "name": "app", "private": true }\n',
      'src/application-job.ts': 'export abstract class ApplicationJob {\n  static performLater(..._args: unknown[]) {}\n}\n',
      'src/export-job.ts': job + padding,
    });
    repo.write({ 'src/export-job.ts': job.replace('perform(id: number)', 'perform(id: number, format: string)') });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/require-baseline@src/export-job.ts:1']);
    expect(messages[0]!.message).toContain('over 1 MiB: not read');
    // The command line says so too, beside its report.
    let stdout = '';
    let stderr = '';
    const status = await main(['check', '--cwd', repo.dir], { write: (chunk: string) => (stdout += chunk) }, { write: (chunk: string) => (stderr += chunk) });
    expect({ status, stdout }).toEqual({ status: 0, stdout: expect.stringMatching(/^No incompatible job changes against main at/) });
    expect(stderr).toMatch(/^safe-jobs: 1 file\(s\) could not be read in the baseline \(main at [0-9a-f]{7}\), so the jobs they defined and enqueued there are unknown and no change to them is reported:\n {2}src\/export-job\.ts: .*over 1 MiB: not read/);
    // A file that neither version can read hides nothing this change made: not listed.
    const both = deploy({ 'package.json': '{ "name": "app", "private": true }\n', 'src/application-job.ts': 'export abstract class ApplicationJob {\n  static performLater(..._args: unknown[]) {}\n}\n', 'src/export-job.ts': job + padding });
    both.write({ 'src/export-job.ts': job.replace('perform(id: number)', 'perform(id: number, format: string)') + padding });
    let bothErr = '';
    await main(['check', '--cwd', both.dir], { write: () => true }, { write: (chunk: string) => (bothErr += chunk) });
    expect(bothErr).toBe('');
  });
});

