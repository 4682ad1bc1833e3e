import { afterEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';

const PACKAGE = JSON.stringify({ name: 'app', private: true, dependencies: { 'node-resque': '^9.0.0' } });
const worker = (jobs: string) =>
  `import { Worker } from 'node-resque';\n\nconst jobs = {\n${jobs}};\n\nexport const worker = new Worker({ connection: {}, queues: ['mail'] }, jobs);\n`;
const SEND = "  'send-welcome': { perform: async (userId: number) => userId },\n";
const REPORT = "  'build-report': { perform: async (reportId: number) => reportId },\n";

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

const summary = (messages: Awaited<ReturnType<typeof lintFiles>>) => messages.map((m) => `${m.rule}@${m.file}:${m.line}`);

describe('no-unknown-job', () => {
  it('reports a string-named enqueue of a job nothing handles, and leaves dynamic names alone', async () => {
    const repo = new TempRepo();
    repos.push(repo);
    repo.commit({ 'package.json': PACKAGE, 'src/worker.ts': worker(SEND) });
    repo.write({
      'src/signup.ts': `import { Queue } from 'node-resque';\nconst queue = new Queue({ connection: {} });\nexport async function signUp(id: number, name: string) {\n  await queue.enqueue('mail', 'send-welcome', [id]);\n  await queue.enqueue('mail', 'send-welcom', [id]);\n  await queue.enqueue('mail', name, [id]);\n}\n`,
    });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-unknown-job@src/signup.ts:5']);
    expect(messages[0]!.message).toContain("No job handles 'send-welcom'");
  });

  it('knows no name to be unhandled while a file of the project does not parse: that file may define it', async () => {
    const repo = new TempRepo();
    repos.push(repo);
    const task = (body: string) => `import { schemaTask } from '@trigger.dev/sdk';\nimport { z } from 'zod';\n\nexport const sync = schemaTask({\n  id: 'sync-account',\n  schema: z.object({ id: z.string() }),\n  run: async (payload) => {\n    ${body}\n  },\n});\n`;
    repo.commit({
      'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { '@trigger.dev/sdk': '^4.0.0' } }),
      'src/sync.ts': task('console.log(payload);'),
      'src/api.ts': "import { tasks } from '@trigger.dev/sdk';\n\nexport const start = (id: string) => tasks.trigger('sync-account', { id });\n",
    });
    repo.write({ 'src/sync.ts': task('console.log(payload;') });
    // ESLint reports the parse error of src/sync.ts itself; the plugin says nothing it does not know.
    const messages = await lintFiles(repo.dir);
    expect(messages.filter((message) => message.rule?.startsWith('safe-jobs/'))).toEqual([]);
    expect(messages.map((message) => message.file)).toEqual(['src/sync.ts']);
  });

  it('leaves a deleted job that deployed code enqueued to no-deleted-enqueued-job alone', async () => {
    const repo = new TempRepo();
    repos.push(repo);
    const signup = `import { Queue } from 'node-resque';\nconst queue = new Queue({ connection: {} });\nexport const signUp = (id: number) => queue.enqueue('mail', 'build-report', [id]);\n`;
    repo.commit({ 'package.json': PACKAGE, 'src/worker.ts': worker(SEND + REPORT), 'src/signup.ts': signup });
    repo.write({ 'src/worker.ts': worker(SEND) });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-deleted-enqueued-job@src/signup.ts:3']);
  });
});
