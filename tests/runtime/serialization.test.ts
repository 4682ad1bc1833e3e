/**
 * Proof by execution of no-unserializable-payload: a Date passed at an enqueue call arrives at
 * the worker as an ISO string, and the handler's `getTime()` fails; the rule reports the call,
 * its suggestion writes the conversion, and with the handler parsing the string the job
 * completes (serialization-case.ts). On a real Redis, with BullMQ and node-resque.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../helpers/git-repo.js';
import { createESLint, flatten } from '../helpers/lint.js';
import { renderApp } from './apps.js';
import { useRunnableCopies } from './copies.js';
import { verdictOf } from './deploy.js';
import { redisForTests } from './redis-server.js';
import { SERIALIZATION_CASES } from './serialization-case.js';
import { runDirection } from './simulator.js';

const redis = await redisForTests('tests/runtime (payload encoding on Redis)');
afterAll(async () => {
  await redis?.stop();
});

const { materialize, track } = useRunnableCopies('safe-jobs-encoding-');

/** The file with the first suggestion of each message applied (ESLint's `fix` of a suggestion). */
function applySuggestions(text: string, messages: Linter.LintMessage[]): string {
  const fixes = messages.flatMap((message) => (message.suggestions?.[0] ? [message.suggestions[0].fix] : [])).sort((a, b) => b.range[0] - a.range[0]);
  return fixes.reduce((current, fix) => current.slice(0, fix.range[0]) + fix.text + current.slice(fix.range[1]), text);
}

const cases = SERIALIZATION_CASES.flatMap((testCase) => testCase.frameworks.map((framework) => ({ ...testCase, framework })));

describe.skipIf(!redis)('payload encoding on a real queue', () => {
  it.each(cases)('$title, on $framework', async ({ framework, job, stages }) => {
    const [written, converted] = stages(framework);
    const repo = new TempRepo();
    track(repo.dir);
    repo.commit(renderApp(framework, written!.app), 'the app');

    const eslint = createESLint(repo.dir);
    const results = await eslint.lintFiles(['.']);
    expect(verdictOf(flatten(repo.dir, results))).toEqual(written!.verdict);
    const enqueue = results.find((result) => result.filePath.endsWith(join('src', 'enqueue.js')))!;
    const suggested = applySuggestions(readFileSync(enqueue.filePath, 'utf8'), enqueue.messages);
    expect(suggested, "the rule's suggestion writes the converted call").toBe(renderApp(framework, converted!.app)['src/enqueue.js']);

    repo.write(renderApp(framework, converted!.app));
    expect(verdictOf(flatten(repo.dir, await createESLint(repo.dir).lintFiles(['.'])))).toEqual(converted!.verdict);

    for (const stage of [written!, converted!]) {
      const copy = materialize(renderApp(framework, stage.app));
      const intents = stage.app.enqueues.map((call) => ({ name: call.name, intent: call.intent }));
      const jobs = await runDirection({ framework, redis, enqueuer: copy, worker: copy, intents });
      expect(jobs, stage.label).toEqual([{ name: job, outcome: stage.outcome }]);
    }
  });
});
