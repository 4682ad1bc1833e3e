/**
 * no-unserializable-payload on a real repository, through the ESLint Node API and the command
 * line: a BullMQ app whose payload type says `Date` where the queue delivers a string, and a
 * JavaScript enqueue call that sends a Map. The rule needs no baseline, so the same findings come
 * with N committed and N+1 edited, and with no baseline at all.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useTempRepos } from '../helpers/deployed.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';

const PACKAGE = JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { bullmq: '^5.0.0' } });
const TYPES = 'export interface Reminder {\n  userId: number;\n  sendAt: Date;\n  createdAt: Date;\n}\n';
const WORKER = [
  "import { Worker, type Job } from 'bullmq';",
  "import type { Reminder } from './types.js';",
  '',
  "export const worker = new Worker('mail', async (job: Job<Reminder>) => {",
  '  const delay = job.data.sendAt.getTime() - Date.now();',
  '  return { userId: job.data.userId, delay, createdAt: job.data.createdAt };',
  '});',
  '',
].join('\n');
const DIGEST_WORKER = "import { Worker } from 'bullmq';\n\nexport const digests = new Worker('digest', async (job) => job.data.seen.size);\n";
const ENQUEUE = "import { Queue } from 'bullmq';\n\nconst mail = new Queue('mail');\nexport const remind = (userId) => mail.add('reminder', { userId, sendAt: new Date(), createdAt: new Date() });\n";
const DIGEST = "import { Queue } from 'bullmq';\n\nconst digest = new Queue('digest');\nexport const send = (ids) => digest.add('digest', { seen: new Set(ids) });\n";

const tempRepo = useTempRepos();

function app(): TempRepo {
  const repo = tempRepo();
  repo.commit({ 'package.json': PACKAGE, 'src/types.ts': TYPES.replace('  sendAt: Date;\n', ''), 'src/worker.ts': WORKER.replace('job.data.sendAt.getTime()', '0'), 'src/enqueue.js': ENQUEUE });
  repo.write({ 'src/types.ts': TYPES, 'src/worker.ts': WORKER, 'src/digest.js': DIGEST, 'src/digest-worker.ts': DIGEST_WORKER });
  return repo;
}

const summary = (messages: Awaited<ReturnType<typeof lintFiles>>) => messages.filter((m) => m.rule === 'safe-jobs/no-unserializable-payload').map((m) => `${m.file}:${m.line}:${m.column}`);

describe('no-unserializable-payload end to end', () => {
  it('reports the Date the handler uses as one, on its field, and the Set a JavaScript call sends to an untyped payload', async () => {
    const repo = app();
    const messages = await lintFiles(repo.dir);
    // createdAt is typed Date too, but the handler only passes it on: as a string, it arrives harmlessly.
    // The JavaScript call that sends sendAt is reported as well: that is where the conversion goes.
    expect(summary(messages)).toEqual(['src/digest.js:4:59', 'src/enqueue.js:4:74', 'src/types.ts:3:3']);
    const field = messages.find((m) => m.file === 'src/types.ts' && m.rule === 'safe-jobs/no-unserializable-payload')!;
    expect(field.message).toBe(
      "Job 'mail' payload field `sendAt` is typed `Date`, but the queue encodes it as JSON: the worker receives an ISO date string. Then `job.data.sendAt.getTime()` in the handler throws. Type it as what arrives and convert it in the handler, or convert it where the job is enqueued.",
    );
    expect(messages.find((m) => m.file === 'src/digest.js')!.message).toMatch(/^This passes a Set as `seen` of job 'digest', but the queue encodes it as JSON: the worker receives an empty object `\{\}`\./);
  });

  it('reports every Date with the strict config', async () => {
    const messages = await lintFiles(app().dir, ['.'], { config: 'strict' });
    expect(summary(messages)).toEqual(['src/digest.js:4:59', 'src/enqueue.js:4:74', 'src/enqueue.js:4:97', 'src/types.ts:3:3', 'src/types.ts:4:3']);
  });

  it('gives the same findings on the command line, and without a baseline', async () => {
    const repo = app();
    const result = await runCli(['check', '--format', 'json', '--cwd', repo.dir]);
    const findings = (JSON.parse(result.out) as { findings: Array<{ rule: string; file: string; line: number; job: string }> }).findings.filter((f) => f.rule === 'safe-jobs/no-unserializable-payload');
    expect(findings.map((f) => `${f.file}:${f.line} ${f.job}`)).toEqual(['src/digest.js:4 digest', 'src/enqueue.js:4 mail', 'src/types.ts:3 mail']);
    expect(result.code).toBe(1);

    const plain = tempRepo({ git: false });
    plain.write({ 'package.json': PACKAGE, 'src/types.ts': TYPES, 'src/worker.ts': WORKER, 'src/enqueue.js': ENQUEUE, 'src/digest.js': DIGEST, 'src/digest-worker.ts': DIGEST_WORKER });
    expect(summary(await lintFiles(plain.dir))).toEqual(['src/digest.js:4:59', 'src/enqueue.js:4:74', 'src/types.ts:3:3']);
  });

  it('honours the options of the ESLint config on the command line', async () => {
    const repo = app();
    repo.write({
      'eslint.config.js': [
        // The rule's options as the plugin's schema takes them; this stand-in accepts any.
        'const rule = { meta: { schema: false }, create: () => ({}) };',
        "const plugin = { rules: { 'no-unserializable-payload': rule } };",
        "export default [{ files: ['**/*.ts', '**/*.js'], plugins: { 'safe-jobs': plugin }, rules: { 'safe-jobs/no-unserializable-payload': ['error', { allow: ['Set'], dates: 'all' }] } }];",
        '',
      ].join('\n'),
    });
    const result = await runCli(['check', '--format', 'json', '--cwd', repo.dir]);
    expect(result.err).toBe('');
    const findings = (JSON.parse(result.out) as { findings: Array<{ rule: string; file: string; line: number }> }).findings.filter((f) => f.rule === 'safe-jobs/no-unserializable-payload');
    expect(findings.map((f) => `${f.file}:${f.line}`)).toEqual(['src/enqueue.js:4', 'src/enqueue.js:4', 'src/types.ts:3', 'src/types.ts:4']);
  });
});
