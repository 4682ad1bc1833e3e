/**
 * Proof by execution of the drain window: a job that v1 enqueues with a delay is still waiting
 * when v2 has been replaced by v3, so v3's workers run it (drain-case.ts). Comparing v3 with v2
 * alone says the change is safe; listing v1 as a baseline reports it, with the delay. On a real
 * Redis, with BullMQ.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';
import { renderApp } from './apps.js';
import { useRunnableCopies } from './copies.js';
import { DRAIN_CASES, DRAIN_DELAY_MS } from './drain-case.js';
import { verdictOf } from './deploy.js';
import { redisForTests } from './redis-server.js';
import { runDirection } from './simulator.js';

const redis = await redisForTests('tests/runtime (the drain window on Redis)');
afterAll(async () => {
  await redis?.stop();
});

const { materialize, track } = useRunnableCopies('safe-jobs-drain-');

describe.skipIf(!redis)('the drain window on BullMQ', () => {
  it.each(DRAIN_CASES)('$title: two baselines report it, one does not', async ({ job, versions, verdicts, runs }) => {
    const repo = new TempRepo();
    track(repo.dir);
    repo.commit(renderApp('bullmq', versions.v1), 'v1');
    repo.git('tag', 'v1');
    repo.commit(renderApp('bullmq', versions.v2), 'v2');
    repo.git('tag', 'v2');
    const v3 = renderApp('bullmq', versions.v3);
    const gone = Object.fromEntries(Object.keys(renderApp('bullmq', versions.v2)).filter((path) => !(path in v3)).map((path) => [path, null]));
    repo.write({ ...gone, ...v3 });

    for (const { baselines, verdict } of verdicts) {
      const messages = await lintFiles(repo.dir, ['.'], { settings: { baseline: baselines } });
      expect(verdictOf(messages), `against ${baselines.join(', ')}`).toEqual(verdict);
      for (const message of messages) expect(message.message).toContain(`with a delay of up to ${DRAIN_DELAY_MS} milliseconds (src/enqueue.js:`);
    }

    const copies = { v1: materialize(renderApp('bullmq', versions.v1)), v2: materialize(renderApp('bullmq', versions.v2)), v3: materialize(v3) };
    for (const { enqueuer, worker, outcome } of runs) {
      const intents = versions[enqueuer].enqueues.map((call) => ({ name: call.name, intent: call.intent }));
      const jobs = await runDirection({ framework: 'bullmq', redis, enqueuer: copies[enqueuer], worker: copies[worker], intents });
      expect(jobs.filter((each) => each.name === job), `${enqueuer} enqueues, ${worker} runs`).toEqual([{ name: job, outcome }]);
      expect(jobs.filter((each) => each.name !== job && each.outcome !== 'completed'), 'the other jobs').toEqual([]);
    }
  });
});
