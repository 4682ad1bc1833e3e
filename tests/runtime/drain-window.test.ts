/**
 * Proof by execution of the drain window: a job that v1 enqueues with a delay is still waiting
 * when v2 (the transitional form) has been replaced by v3 (the value required), so v3's workers
 * run it without the value. Comparing v3 with v2 alone says the change is safe; listing v1 as a
 * baseline reports it, with the delay. On a real Redis, with BullMQ.
 */
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type Files, TempRepo } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';
import { type AppVersion, renderApp } from './apps.js';
import { verdictOf } from './deploy.js';
import { redisForTests } from './redis-server.js';
import { runDirection } from './simulator.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DELAY_MS = 300;

const job = (params: string) => [{ name: 'reminder', params, body: 'return { userId, locale };' }];
const V1: AppVersion = { jobs: job('{ userId }').map((each) => ({ ...each, body: 'return { userId };' })), enqueues: [{ name: 'reminder', args: [{ userId: 1 }], intent: { userId: 1 }, delayMs: DELAY_MS }] };
const sendsLocale = [{ name: 'reminder', args: [{ userId: 2, locale: 'fr' }], intent: { userId: 2, locale: 'fr' }, delayMs: DELAY_MS }];
const V2: AppVersion = { jobs: job("{ userId, locale = 'en' }"), enqueues: sendsLocale };
const V3: AppVersion = { jobs: job('{ userId, locale }'), enqueues: sendsLocale };

const redis = await redisForTests('tests/runtime (the drain window on Redis)');
afterAll(async () => {
  await redis?.stop();
});

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A runnable copy of one version, with the project's node_modules linked in. */
function materialize(files: Files): { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'safe-jobs-drain-'));
  folders.push(dir);
  for (const [path, text] of Object.entries(files)) {
    if (text === null) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir };
}

describe.skipIf(!redis)('the drain window on BullMQ', () => {
  it('a job delayed by v1 reaches v3 workers without the value: two baselines report it, one does not', async () => {
    const repo = new TempRepo();
    folders.push(repo.dir);
    repo.commit(renderApp('bullmq', V1), 'v1');
    repo.git('tag', 'v1');
    repo.commit(renderApp('bullmq', V2), 'v2: the transitional form');
    repo.git('tag', 'v2');
    repo.write(renderApp('bullmq', V3));

    expect(verdictOf(await lintFiles(repo.dir, ['.'], { settings: { baseline: 'v2' } }))).toEqual([]);
    const messages = await lintFiles(repo.dir, ['.'], { settings: { baseline: ['v1', 'v2'] } });
    expect(verdictOf(messages)).toEqual(['no-new-required-param']);
    expect(messages[0]!.message).toContain(`with a delay of up to ${DELAY_MS} milliseconds (src/enqueue.js:`);

    const [v1, v2, v3] = [V1, V2, V3].map((app) => materialize(renderApp('bullmq', app)));
    const intents = (app: AppVersion) => app.enqueues.map((call) => ({ name: call.name, intent: call.intent }));
    // What two versions side by side show: v2's jobs run on v3, v1's on v2.
    expect(await runDirection({ framework: 'bullmq', redis, enqueuer: v2!, worker: v3!, intents: intents(V2) })).toEqual([{ name: 'reminder', outcome: 'completed' }]);
    expect(await runDirection({ framework: 'bullmq', redis, enqueuer: v1!, worker: v2!, intents: intents(V1) })).toEqual([{ name: 'reminder', outcome: 'completed' }]);
    // What the delay does: v1's job, still waiting after v2 is replaced, runs on v3.
    expect(await runDirection({ framework: 'bullmq', redis, enqueuer: v1!, worker: v3!, intents: intents(V1) })).toEqual([{ name: 'reminder', outcome: 'ran with locale undefined' }]);
  });
});
