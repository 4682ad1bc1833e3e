import { afterEach, describe, expect, it, vi } from 'vitest';
import { TempRepo } from '../helpers/git-repo.js';
import { createESLint, flatten } from '../helpers/lint.js';

// An editor keeps one ESLint instance and lints the buffer on every keystroke. Edits that move
// code without changing a contract reuse the last analysis with its positions moved: these
// tests check that the positions, messages and fixes are exactly those of a fresh analysis.

const BASE = 'export class ApplicationJob {\n  static performLater(...args: unknown[]) {}\n}\n';
const job = (params: string, { above = '', body = 'console.log(id);' } = {}) =>
  `import { ApplicationJob } from './application-job';\n${above}\nexport class MailJob extends ApplicationJob {\n  perform(${params}) {\n    ${body}\n  }\n}\n`;
const ENQUEUE = "import { MailJob } from './mail-job';\nexport const send = (id: number) => MailJob.performLater(id);\n";

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

function deployed(files: Record<string, string> = {}): TempRepo {
  const repo = new TempRepo();
  repos.push(repo);
  repo.commit({ 'src/application-job.ts': BASE, 'src/mail-job.ts': job('id: number'), 'src/send.ts': ENQUEUE, ...files });
  return repo;
}

let freshEngines = 0;

/**
 * A fresh analysis: the process keeps one engine per project and settings, so a retired job
 * name nobody uses makes settings of their own, and a new engine.
 */
const createFreshESLint = (repo: TempRepo) => createESLint(repo.dir, { settings: { retiredJobs: [`unused-${freshEngines++}`] } });

/** Lints `text` as the buffer of src/mail-job.ts, in the session's instance and in a fresh one. */
async function lintBoth(session: ReturnType<typeof createESLint>, repo: TempRepo, text: string) {
  const filePath = repo.path('src/mail-job.ts');
  const [inSession] = await session.lintText(text, { filePath });
  const [fresh] = await createFreshESLint(repo).lintText(text, { filePath });
  return { session: inSession!, fresh: fresh! };
}

function fixOf(results: Awaited<ReturnType<ReturnType<typeof createESLint>['lintText']>>) {
  const fix = results[0]!.messages[0]!.fix;
  if (!fix) throw new Error('no fix');
  return fix;
}

const summary = (repo: TempRepo, result: Awaited<ReturnType<typeof lintBoth>>['session']) =>
  flatten(repo.dir, [result]).map((m) => `${m.rule}@${m.line}:${m.column}`);

describe('an editor session', () => {
  it('moves findings and fixes with the code on edits that change no contract', async () => {
    const repo = deployed();
    const session = createESLint(repo.dir);
    const edits = [
      job('id: number, to: string'),
      job('id: number, to: string', { body: 'console.log(id, "typing...");' }),
      job('id: number, to: string', { above: '\n// a comment that moves the job down\n\n' }),
      job('id: number,\n    to: string', { above: '/* one more */\n' }),
    ];
    const lines = [];
    for (const text of edits) {
      const { session: result, fresh } = await lintBoth(session, repo, text);
      expect(result.messages).toEqual(fresh.messages);
      lines.push(summary(repo, result));
    }
    expect(lines).toEqual([
      ['safe-jobs/no-new-required-param@4:23'],
      ['safe-jobs/no-new-required-param@4:23'],
      ['safe-jobs/no-new-required-param@7:23'],
      ['safe-jobs/no-new-required-param@6:5'],
    ]);
    // The fix of the last, moved finding writes the transitional form at the moved place.
    const fix = fixOf(await session.lintText(edits[3]!, { filePath: repo.path('src/mail-job.ts') }));
    expect(edits[3]!.slice(0, fix.range[0]) + fix.text + edits[3]!.slice(fix.range[1])).toBe(job('id: number,\n    to?: string', { above: '/* one more */\n' }));
  });

  it('sees contract changes among position-only edits', async () => {
    const repo = deployed();
    const session = createESLint(repo.dir);
    const steps: Array<[string, string[]]> = [
      [job('id: number', { body: 'console.log(id, 1);' }), []],
      [job('id: number, to: string', { body: 'console.log(id, 2);' }), ['safe-jobs/no-new-required-param@4:23']],
      [job('id: number, to: string', { body: 'console.log(id, 3);' }), ['safe-jobs/no-new-required-param@4:23']],
      [job('id: number, to?: string', { body: 'console.log(id, 4);' }), []],
      [job('id: string', { body: 'console.log(id, 5);' }), ['safe-jobs/no-incompatible-param-change@4:11']],
      [job('id: string', { above: '\n\n', body: 'console.log(id, 6);' }), ['safe-jobs/no-incompatible-param-change@6:11']],
      [job('id: number', { above: '\n\n' }), []],
    ];
    for (const [text, expected] of steps) {
      const { session: result, fresh } = await lintBoth(session, repo, text);
      expect(summary(repo, result)).toEqual(expected);
      expect(result.messages).toEqual(fresh.messages);
    }
  });

  it('keeps pairing a renamed job by its body while its body is edited', async () => {
    const renamed = (name: string, body: string) =>
      `import { ApplicationJob } from './application-job';\n\nexport class ${name} extends ApplicationJob {\n  perform(id: number) {\n    ${body}\n  }\n}\n`;
    const body = 'const user = loadUser(id); sendMail(user.email, "welcome", { name: user.name, id });';
    const repo = deployed({ 'src/mail-job.ts': renamed('MailJob', body) });
    repo.write({ 'src/mail-job.ts': renamed('WelcomeMailJob', body) });
    const session = createESLint(repo.dir);
    const filePath = repo.path('src/mail-job.ts');
    for (const text of [renamed('WelcomeMailJob', body), renamed('WelcomeMailJob', `${body} audit(id);`), renamed('WelcomeMailJob', 'return;')]) {
      const [result] = await session.lintText(text, { filePath });
      const [fresh] = await createFreshESLint(repo).lintText(text, { filePath });
      expect(result!.messages).toEqual(fresh!.messages);
    }
  });

  it('sees a job file deleted or changed on disk outside the editor, without git\'s index moving', async () => {
    const repo = deployed();
    const session = createFreshESLint(repo);
    const sendPath = repo.path('src/send.ts');
    const lintSend = async () => flatten(repo.dir, await session.lintText(ENQUEUE, { filePath: sendPath })).map((m) => `${m.rule}@${m.file}:${m.line}`);
    expect(await lintSend()).toEqual([]);
    // Another tool deletes the job's file: no buffer is open on it, and git's index does not move.
    repo.write({ 'src/mail-job.ts': null });
    vi.useFakeTimers({ now: Date.now() + 1_500, toFake: ['Date'] });
    try {
      expect(await lintSend()).toEqual(['safe-jobs/no-deleted-enqueued-job@src/send.ts:2']);
      // It comes back (a checkout of one file, a revert in another tool): the finding goes.
      repo.write({ 'src/mail-job.ts': job('id: number') });
      vi.setSystemTime(Date.now() + 1_500);
      expect(await lintSend()).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
