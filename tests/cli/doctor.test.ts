/**
 * `safe-jobs doctor` on projects whose job layer no adapter describes: the settings block it
 * prints, pasted into package.json, makes their jobs detected and their breaking changes reported.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/run.js';
import { type Files, TempRepo } from '../helpers/git-repo.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

function capture() {
  let text = '';
  return { isTTY: false, write: (chunk: string) => (text += chunk), get text() { return text; } };
}

async function run(args: string[]) {
  const out = capture();
  const err = capture();
  const code = await main(args, out, err);
  return { code, out: out.text, err: err.text };
}

function repoOf(files: Files): TempRepo {
  const repo = new TempRepo();
  repos.push(repo);
  repo.commit(files);
  return repo;
}

/** Pastes the block into package.json, as the doctor's output says. */
function paste(repo: TempRepo, block: unknown): void {
  const path = repo.path('package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, JSON.stringify({ ...manifest, 'safe-jobs': block }, null, 2));
}

const DEFINITION = (fields: string) =>
  `import { z } from 'zod';\nimport type { JobDefinition } from './job';\n\nconst SCHEMA = z.object({ ${fields} });\n\nexport const INVOICE_JOB = {\n  id: 'invoice.send',\n  trigger: { name: 'invoice.send', schema: SCHEMA },\n  handler: async ({ payload, io }) => {\n    console.log(payload, io);\n  },\n} as const satisfies JobDefinition;\n`;

const DEFINITIONS_APP: Files = {
  'package.json': '{ "name": "billing", "private": true }\n',
  'src/job.ts': 'export type JobDefinition = { id: string; trigger: { name: string; schema?: unknown }; handler: (options: { payload: any; io: any }) => Promise<void> };\n',
  'src/invoice-job.ts': DEFINITION('invoiceId: z.number()'),
  'src/close.ts': "import { jobs } from './client';\n\nexport const close = (invoiceId: number) => jobs.triggerJob({ name: 'invoice.send', payload: { invoiceId } });\n",
  'src/client.ts': 'export const jobs = { triggerJob: async (_request: { name: string; payload: unknown }) => {} };\n',
  // Not jobs: an array's push and a method that only starts with a verb, though both take `{ type, data }`.
  'src/ui.ts': "export const track = (events: unknown[], order: { addAdjustment(a: unknown): void }) => {\n  events.push({ type: 'click', data: {} });\n  order.addAdjustment({ type: 'promo', data: {} });\n};\n",
};

describe('safe-jobs doctor', () => {
  it('finds object definitions and request calls no adapter claims, and prints the block that claims them', async () => {
    const repo = repoOf(DEFINITIONS_APP);
    const text = await run(['doctor', '--cwd', repo.dir]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('Job-like code no adapter claims:\n');
    expect(text.out).toContain("  src/invoice-job.ts:6  an object typed JobDefinition with its name at 'trigger.name' and its handler at 'handler'\n");
    expect(text.out).toContain("  src/close.ts:3  a call .triggerJob() whose first argument names a job at 'name' with its payload at 'payload' (nameArg 0)\n");
    expect(text.out).toContain('"definitions": [');

    const json = JSON.parse((await run(['doctor', '--format', 'json', '--cwd', repo.dir])).out) as { suggestion: { adapters: unknown[] } };
    expect(json.suggestion).toEqual({
      adapters: [
        {
          type: 'string-registry',
          name: 'in-house-jobs',
          handler: 'payload-argument',
          definitions: [{ types: ['JobDefinition'], name: 'trigger.name', handler: 'handler', schema: 'trigger.schema', payloadKey: 'payload' }],
          enqueue: [{ methods: ['triggerJob'], nameArg: 0, payloadArg: 0, payload: 'request', requestKeys: { name: 'name', data: 'payload' } }],
        },
      ],
    });

    // Pasted, the block makes the job and its site detected, and doctor has nothing left to claim.
    paste(repo, json.suggestion);
    const list = JSON.parse((await run(['list', '--format', 'json', '--cwd', repo.dir])).out) as { jobs: Array<{ wireName: string; members: Array<{ name: string }>; sites: unknown[] }> };
    expect(list.jobs.map((job) => [job.wireName, job.members.map((member) => member.name), job.sites.length])).toEqual([['invoice.send', ['invoiceId'], 1]]);
    expect((await run(['doctor', '--cwd', repo.dir])).out).toBe("What each adapter found:\n  in-house-jobs: 1 job(s), 1 enqueue site(s)\n\nNo job-like code is left unclaimed by the adapters.\n");

    // And a breaking change is reported.
    repo.git('-c', 'user.name=dev', '-c', 'user.email=dev@example.com', 'commit', '-qam', 'settings');
    repo.write({ 'src/invoice-job.ts': DEFINITION('invoiceId: z.number(), currency: z.string()') });
    const check = await run(['check', '--base', 'main', '--cwd', repo.dir]);
    expect(check.code).toBe(1);
    expect(check.out).toContain("Job 'invoice.send' now requires payload field 'currency'");
  });

  it('suggests a class-job adapter for workers and queue services named by their super(...) topic', async () => {
    const repo = repoOf({
      'package.json': '{ "name": "notify", "private": true }\n',
      'src/topics.ts': "export enum Topics {\n  Email = 'email',\n}\n",
      'src/bases.ts': 'export class WorkerBaseService {\n  constructor(public topic: string) {}\n}\nexport class QueueBaseService {\n  constructor(public topic: string) {}\n  async add(_job: { name: string; data: unknown }) {}\n  async addBulk(_jobs: unknown[]) {}\n}\n',
      'src/email-worker.service.ts': "import { WorkerBaseService } from './bases';\nimport { Topics } from './topics';\n\nexport class EmailWorkerService extends WorkerBaseService {\n  constructor() {\n    super(Topics.Email);\n  }\n}\n",
      'src/email.worker.ts': "import { EmailWorkerService } from './email-worker.service';\n\nexport class EmailWorker extends EmailWorkerService {\n  getWorkerProcessor() {\n    return async ({ data }: { data: { to: string } }) => console.log(data);\n  }\n}\n",
      'src/email-queue.service.ts': "import { QueueBaseService } from './bases';\nimport { Topics } from './topics';\n\nexport class EmailQueueService extends QueueBaseService {\n  constructor() {\n    super(Topics.Email);\n  }\n}\n",
      'src/signup.ts': "import { EmailQueueService } from './email-queue.service';\n\nexport class Signup {\n  constructor(private emailQueue: EmailQueueService) {}\n  run(to: string) {\n    return this.emailQueue.add({ name: to, data: { to } });\n  }\n}\n",
    });
    const json = JSON.parse((await run(['doctor', '--format', 'json', '--cwd', repo.dir])).out) as { unclaimed: Array<{ file: string; line: number; kind: string }>; suggestion: { adapters: unknown[] } };
    expect(json.unclaimed.map((item) => `${item.kind}@${item.file}:${item.line}`)).toEqual([
      'topic-class@src/email-queue.service.ts:4',
      'topic-class@src/email-worker.service.ts:4',
    ]);
    expect(json.suggestion.adapters).toEqual([
      {
        type: 'class-job',
        name: 'in-house-workers',
        baseClasses: ['WorkerBaseService'],
        handlerMethods: ['getWorkerProcessor'],
        wireName: { superArgument: true },
        payload: 'job-data',
        enqueue: {
          producers: [
            { baseClasses: ['QueueBaseService'], methods: ['add'], arg: 0, key: 'data' },
            { baseClasses: ['QueueBaseService'], methods: ['add'], arg: 1 },
            { baseClasses: ['QueueBaseService'], methods: ['addBulk'], arg: 0, key: 'data', batch: true },
          ],
        },
      },
    ]);
    paste(repo, json.suggestion);
    const list = JSON.parse((await run(['list', '--format', 'json', '--cwd', repo.dir])).out) as { jobs: Array<{ wireName: string; file: string; sites: Array<{ file: string }> }> };
    expect(list.jobs.map((job) => [job.wireName, job.file, job.sites.map((site) => site.file)])).toEqual([['email', 'src/email.worker.ts', ['src/signup.ts']]]);
  });

  it('finds definitions made by a method named like a definer (service.createQueue({ name, process }))', async () => {
    const repo = repoOf({
      'package.json': '{ "name": "shop", "private": true }\n',
      'src/collections.ts':
        "export class CollectionService {\n  constructor(private jobQueueService: { createQueue(options: unknown): Promise<unknown> }) {}\n  async init() {\n    await this.jobQueueService.createQueue({\n      name: 'apply-collection-filters',\n      process: async (job: { data: { collectionIds: string[] } }) => console.log(job.data),\n    });\n  }\n}\n",
    });
    const json = JSON.parse((await run(['doctor', '--format', 'json', '--cwd', repo.dir])).out) as { unclaimed: Array<{ file: string; line: number; kind: string }>; suggestion: { adapters: Array<Record<string, unknown>> } };
    expect(json.unclaimed.map((item) => `${item.kind}@${item.file}:${item.line}`)).toEqual(['definition@src/collections.ts:4']);
    expect(json.suggestion.adapters[0]!.definitions).toEqual([{ calls: ['createQueue'], name: 'name', handler: 'process' }]);
  });

  it('suggests the dispatch methods called on the object a definition call returns, and handlers by reference', async () => {
    const repo = repoOf({
      'package.json': '{ "name": "links", "private": true }\n',
      'src/define.ts': 'export const toJobDefinition = <T extends object>(job: T) => ({ ...job, dispatch: async (_p: unknown) => {}, dispatchBatch: async (_p: unknown[]) => {} });\n',
      'src/folder-deleted.ts':
        "import { z } from 'zod';\nimport { toJobDefinition } from './define';\nimport { processFolderDeleted } from './process';\n\nexport const folderDeletedJob = toJobDefinition({\n  name: 'folder-deleted-job',\n  schema: z.object({ folderId: z.string() }),\n  handle: processFolderDeleted,\n});\n",
      'src/process.ts': 'export const processFolderDeleted = async (input: { folderId: string }) => console.log(input);\n',
      'src/delete.ts': "import { folderDeletedJob } from './folder-deleted';\n\nexport const remove = (ids: string[]) => folderDeletedJob.dispatchBatch(ids.map((folderId) => ({ folderId })));\nexport const removeOne = (folderId: string) => folderDeletedJob.dispatch({ folderId });\n",
    });
    const json = JSON.parse((await run(['doctor', '--format', 'json', '--cwd', repo.dir])).out) as { suggestion: { adapters: Array<Record<string, unknown>> } };
    expect(json.suggestion.adapters[0]!.definitions).toEqual([
      { calls: ['toJobDefinition'], name: 'name', handler: 'handle', schema: 'schema', dispatch: { dispatch: 'single', dispatchBatch: 'batch' } },
    ]);
    paste(repo, json.suggestion);
    const list = JSON.parse((await run(['list', '--format', 'json', '--cwd', repo.dir])).out) as { jobs: Array<{ wireName: string; sites: Array<{ line: number }> }> };
    expect(list.jobs.map((job) => [job.wireName, job.sites.map((site) => site.line)])).toEqual([['folder-deleted-job', [3, 4]]]);
  });

  it('says so when every job-like piece of code is claimed, and refuses formats it has not', async () => {
    const repo = repoOf({
      'package.json': '{ "name": "app", "private": true }\n',
      'src/application-job.ts': 'export abstract class ApplicationJob {\n  static performLater(..._args: unknown[]) {}\n}\n',
      'src/mail-job.ts': "import { ApplicationJob } from './application-job';\n\nexport class MailJob extends ApplicationJob {\n  perform(id: number) {\n    console.log(id);\n  }\n}\n",
    });
    expect((await run(['doctor', '--cwd', repo.dir])).out).toBe('What each adapter found:\n  activejob: 1 job(s), 0 enqueue site(s)\n\nNo job-like code is left unclaimed by the adapters.\n');
    expect(await run(['doctor', '--format', 'sarif', '--cwd', repo.dir])).toMatchObject({ code: 2, err: 'safe-jobs: doctor prints text or json, not sarif.\n' });
  });
});
