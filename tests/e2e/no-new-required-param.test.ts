import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it, vi } from 'vitest';
import plugin from '../../src/index.js';
import { damageFactsStore } from '../helpers/damaged-store.js';
import { TempRepo } from '../helpers/git-repo.js';
import { createESLint, flatten, lintFiles } from '../helpers/lint.js';

const APPLICATION_JOB = `export abstract class ApplicationJob {
  static performLater(...args: unknown[]): Promise<void> {
    return Promise.resolve();
  }
}
`;

function job(params: string): string {
  return `import { ApplicationJob } from './application-job';

export class UserConfirmationJob extends ApplicationJob {
  perform(${params}) {
    console.log(id, message);
  }
}
`;
}

function enqueuer(args: string): string {
  return `import { UserConfirmationJob } from './jobs/user-confirmation-job';

export function signUp(id: number) {
  return UserConfirmationJob.performLater(${args});
}
`;
}

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

function newRepo(): TempRepo {
  const repo = new TempRepo();
  repos.push(repo);
  return repo;
}

function deployed(params: string, args: string): TempRepo {
  const repo = newRepo();
  repo.commit({
    'src/jobs/application-job.ts': APPLICATION_JOB,
    'src/jobs/user-confirmation-job.ts': job(params),
    'src/signup.ts': enqueuer(args),
  });
  return repo;
}

describe('no-new-required-param against a git baseline', () => {
  it('lets the transitional form through', async () => {
    const repo = deployed('id: number, message: string', "id, 'hello!'");
    repo.write({
      'src/jobs/user-confirmation-job.ts': job('id: number, message: string, date?: string'),
      'src/signup.ts': enqueuer("id, 'hello!', '2017-12-24'"),
    });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('lets the second step through once the transitional form and its enqueuers are deployed', async () => {
    const repo = deployed('id: number, message: string, date?: string', "id, 'hello!', '2017-12-24'");
    repo.write({ 'src/jobs/user-confirmation-job.ts': job('id: number, message: string, date: string') });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('reports a second step taken while a deployed enqueuer still omits the parameter', async () => {
    const repo = deployed('id: number, message: string, date?: string', "id, 'hello!'");
    repo.write({
      'src/jobs/user-confirmation-job.ts': job('id: number, message: string, date: string'),
      'src/signup.ts': enqueuer("id, 'hello!', '2017-12-24'"),
    });
    const messages = await lintFiles(repo.dir);
    expect(messages).toMatchObject([{ file: 'src/jobs/user-confirmation-job.ts', rule: 'safe-jobs/no-new-required-param', line: 4 }]);
    expect(messages[0]!.message).toContain('pass it at src/signup.ts:4 and deploy that first');
    expect(messages[0]!.message).toContain('This is step 2 while step 1 is unfinished');
  });

  it('compares with the merge-base, not with work merged to main after the branch point', async () => {
    const repo = deployed('id: number, message: string', "id, 'hello!'");
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit({ 'src/jobs/user-confirmation-job.ts': job('id: number, message: string, date: string') });
    repo.git('checkout', '-q', 'main');
    // Main moves on with an unrelated change that makes `date` optional: the branch still breaks the deployed version.
    repo.commit({ 'src/jobs/user-confirmation-job.ts': job('id: number, message: string, date?: string') });
    repo.git('checkout', '-q', 'feature');
    const messages = await lintFiles(repo.dir, ['.'], { settings: { baseline: 'main' } });
    expect(messages).toMatchObject([{ rule: 'safe-jobs/no-new-required-param', line: 4 }]);
    expect(messages[0]!.message).toMatch(/main \(merge-base [0-9a-f]{7}\)/);
  });

  it('reports a required field added to a payload interface imported from another file, in that file', async () => {
    const repo = newRepo();
    const payloads = (fields: string) => `export interface WelcomePayload {\n  userId: number;\n${fields}}\n`;
    const welcome = `import { ApplicationJob } from './application-job';
import type { WelcomePayload } from './payloads';

export class WelcomeJob extends ApplicationJob {
  perform(payload: WelcomePayload) {
    console.log(payload.userId);
  }
}
`;
    repo.commit({ 'src/jobs/application-job.ts': APPLICATION_JOB, 'src/jobs/payloads.ts': payloads(''), 'src/jobs/welcome-job.ts': welcome });
    repo.write({ 'src/jobs/payloads.ts': payloads('  locale: string;\n') });
    const messages = await lintFiles(repo.dir);
    expect(messages).toMatchObject([{ file: 'src/jobs/payloads.ts', line: 3, column: 3, rule: 'safe-jobs/no-new-required-param' }]);
    expect(messages[0]!.message).toContain("Job 'WelcomeJob' now requires payload field 'locale'");
    await lintFiles(repo.dir, ['.'], { fix: true });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('follows inheritance through project base classes in other files', async () => {
    const repo = newRepo();
    const mailer = (params: string) => `const { MailerBase } = require('../mailer-base');

class WelcomeMail extends MailerBase {
  perform(${params}) {}
}
module.exports = { WelcomeMail };
`;
    repo.commit({
      'lib/base.js': "import { ActiveJob } from 'active-job-lib';\nexport class Base extends ActiveJob {}\n",
      'lib/mailer-base.js': "import { Base } from './base.js';\nexport class MailerBase extends Base {\n  deliver() {}\n}\n",
      'lib/mails/welcome.js': mailer('userId'),
    });
    repo.write({ 'lib/mails/welcome.js': mailer('userId, locale') });
    const messages = await lintFiles(repo.dir);
    expect(messages).toMatchObject([{ file: 'lib/mails/welcome.js', line: 4, rule: 'safe-jobs/no-new-required-param' }]);
    await lintFiles(repo.dir, ['.'], { fix: true });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('lints an unsaved editor buffer with lintText', async () => {
    const repo = deployed('id: number, message: string', "id, 'hello!'");
    const eslint = createESLint(repo.dir);
    const filePath = repo.path('src/jobs/user-confirmation-job.ts');
    const clean = await eslint.lintText(job('id: number, message: string'), { filePath });
    expect(flatten(repo.dir, clean)).toEqual([]);
    const edited = await eslint.lintText(job('id: number, message: string, date: string'), { filePath });
    expect(flatten(repo.dir, edited)).toMatchObject([{ rule: 'safe-jobs/no-new-required-param', line: 4 }]);
    // The same long-lived instance sees the buffer go back to the deployed form.
    const reverted = await eslint.lintText(job('id: number, message: string, date?: string'), { filePath });
    expect(flatten(repo.dir, reverted)).toEqual([]);
  });
});

describe('without a baseline', () => {
  function expectOneWarningPerJobFile(messages: Awaited<ReturnType<typeof lintFiles>>, reason: RegExp) {
    expect(messages.map((m) => [m.file, m.rule, m.severity])).toEqual([
      ['src/jobs/user-confirmation-job.ts', 'safe-jobs/require-baseline', 1],
      ['src/signup.ts', 'safe-jobs/require-baseline', 1],
    ]);
    for (const message of messages) expect(message.message).toMatch(reason);
  }

  function writeProject(repo: TempRepo): void {
    repo.write({
      'src/jobs/application-job.ts': APPLICATION_JOB,
      'src/jobs/user-confirmation-job.ts': job('id: number, message: string, date: string'),
      'src/signup.ts': enqueuer("id, 'hello!'"),
      'src/util.ts': 'export const one = 1;\n',
    });
  }

  it('outside a git repository', async () => {
    const repo = new TempRepo({ git: false });
    repos.push(repo);
    writeProject(repo);
    expectOneWarningPerJobFile(await lintFiles(repo.dir), /is not inside a git repository.*safe-jobs snapshot/);
  });

  it('with an unknown revision', async () => {
    const repo = newRepo();
    writeProject(repo);
    repo.commit({});
    // Only listed, never fetched from.
    repo.git('remote', 'add', 'origin', 'https://git.invalid/app.git');
    expectOneWarningPerJobFile(
      await lintFiles(repo.dir, ['.'], { settings: { baseline: 'origin/release' } }),
      /'origin\/release' does not exist in this clone\. Fetch it with `git fetch origin release:refs\/remotes\/origin\/release`/,
    );
  });

  it('with an unknown revision in a clone without an origin: the hint names the remote there is, or none', async () => {
    const repo = newRepo();
    writeProject(repo);
    repo.commit({});
    expectOneWarningPerJobFile(await lintFiles(repo.dir, ['.'], { settings: { baseline: 'release' } }), /'release' does not exist in this clone\. This clone has no remote to fetch it from\./);
    repo.git('remote', 'add', 'upstream', 'https://git.invalid/app.git');
    expectOneWarningPerJobFile(await lintFiles(repo.dir, ['.'], { settings: { baseline: 'upstream/release' } }), /Fetch it with `git fetch upstream release:refs\/remotes\/upstream\/release`/);
  });

  it('with a mistyped setting: its own message on every file (a long-lived ESLint process lints any subset), an error where CI is set', async () => {
    const repo = newRepo();
    writeProject(repo);
    repo.commit({});
    const messages = await lintFiles(repo.dir, ['.'], { settings: { baselin: 'main' } });
    expect(messages.map((m) => [m.file, m.rule, m.severity])).toEqual([
      ['src/jobs/application-job.ts', 'safe-jobs/require-baseline', 1],
      ['src/jobs/user-confirmation-job.ts', 'safe-jobs/require-baseline', 1],
      ['src/signup.ts', 'safe-jobs/require-baseline', 1],
      ['src/util.ts', 'safe-jobs/require-baseline', 1],
    ]);
    for (const message of messages) expect(message.message).toContain("settings['safe-jobs'].baselin is not a setting; did you mean baseline?");
    process.env.CI = 'true';
    try {
      const inCI = await lintFiles(repo.dir, ['src/signup.ts'], { settings: { baselin: 'main' } });
      expect(inCI.map((m) => [m.file, m.severity])).toEqual([['src/signup.ts', 2]]);
    } finally {
      delete process.env.CI;
    }
  });

  it('with a short commit id that names no commit: the message says it may be ambiguous', async () => {
    const repo = newRepo();
    writeProject(repo);
    repo.commit({});
    expectOneWarningPerJobFile(await lintFiles(repo.dir, ['.'], { settings: { baseline: 'abc1234' } }), /'abc1234' does not exist in this clone\. If it is a short commit id, it may also be ambiguous: use the full id\./);
  });

  it.each([
    ['^main', /was refused: a baseline is one commit, not a range/],
    ['^HEAD', /was refused: a baseline is one commit, not a range/],
    ['main..HEAD', /was refused: a baseline is one commit, not a range/],
    ['HEAD:src/mail-job.ts', /was refused: a baseline is a commit, not a file/],
    [':/fix', /was refused: a baseline is a commit, not a file .* nor a search of commit messages/],
  ])('with %s, which is not one commit', async (baseline, message) => {
    const repo = newRepo();
    writeProject(repo);
    repo.commit({});
    expectOneWarningPerJobFile(await lintFiles(repo.dir, ['.'], { settings: { baseline } }), message);
  });

  it('with a revision that would be a git option', async () => {
    const repo = newRepo();
    writeProject(repo);
    repo.commit({});
    expectOneWarningPerJobFile(await lintFiles(repo.dir, ['.'], { settings: { baseline: '--output=/tmp/x' } }), /was refused/);
  });

  it('in a shallow clone without the base revision', async () => {
    const origin = deployed('id: number, message: string', "id, 'hello!'");
    const base = origin.git('rev-parse', 'HEAD').trim();
    origin.commit({ 'src/jobs/user-confirmation-job.ts': job('id: number, message: string, date: string') });
    const clone = newRepo();
    clone.git('fetch', '-q', '--depth=1', `file://${origin.dir}`, 'main');
    clone.git('checkout', '-q', 'FETCH_HEAD');
    clone.git('remote', 'add', 'origin', `file://${origin.dir}`);
    const messages = await lintFiles(clone.dir, ['.'], { settings: { baseline: base } });
    expect(messages.map((m) => m.rule)).toEqual(['safe-jobs/require-baseline', 'safe-jobs/require-baseline']);
    expect(messages[0]!.message).toContain('This is a shallow clone: fetch the base with `git fetch --depth=1 origin');
  });

  it('with no default branch to compare with', async () => {
    const repo = newRepo();
    repo.git('checkout', '-q', '-b', 'topic');
    writeProject(repo);
    repo.commit({});
    expectOneWarningPerJobFile(await lintFiles(repo.dir), /no baseline revision was found: none of origin\/HEAD, origin\/main/);
  });

  it('with a missing snapshot file', async () => {
    const repo = newRepo();
    writeProject(repo);
    repo.commit({});
    expectOneWarningPerJobFile(
      await lintFiles(repo.dir, ['.'], { settings: { baseline: 'deployed.json' } }),
      /snapshot deployed\.json does not exist\. Write it with `safe-jobs snapshot -o deployed\.json`/,
    );
  });

  it('with a corrupt snapshot file', async () => {
    const repo = newRepo();
    writeProject(repo);
    repo.write({ 'deployed.json': '{"format": "eslint-plugin-safe-jobs/snapshot", "jobs": [' });
    expectOneWarningPerJobFile(await lintFiles(repo.dir, ['.'], { settings: { baseline: 'deployed.json' } }), /is not valid JSON/);
  });

  it('with a snapshot file that is not JSON: its content is never repeated', async () => {
    const repo = newRepo();
    writeProject(repo);
    repo.write({ 'deployed.json': 'SECRET_TOKEN=do-not-print-me\n' });
    const messages = await lintFiles(repo.dir, ['.'], { settings: { baseline: 'deployed.json' } });
    expectOneWarningPerJobFile(messages, /is not valid JSON/);
    expect(messages.some((message) => message.message.includes('do-not-print-me'))).toBe(false);
  });

  it.each([
    ['outside the repository', (repo: TempRepo, outside: string) => `${outside}/deployed.json`, /was refused: it is outside the repository/],
    ['a link to outside the repository', (repo: TempRepo, outside: string) => (symlinkSync(`${outside}/deployed.json`, repo.path('deployed.json')), 'deployed.json'), /was refused: it is outside the repository/],
    ['a link to a device', (repo: TempRepo) => (symlinkSync('/dev/zero', repo.path('zero.json')), 'zero.json'), /was refused: it is outside the repository/],
    ['a folder', (repo: TempRepo) => (mkdirSync(repo.path('folder.json')), 'folder.json'), /was refused: it is not a regular file/],
    ['larger than 64 MiB', (repo: TempRepo) => (writeFileSync(repo.path('big.json'), ''), truncateSync(repo.path('big.json'), 65 * 1024 * 1024), 'big.json'), /was refused: it is larger than 64 MiB/],
  ])('with a snapshot %s: refused, nothing read', async (_, place, message) => {
    const repo = newRepo();
    writeProject(repo);
    const outside = mkdtempSync(join(tmpdir(), 'safe-jobs-outside-'));
    try {
      writeFileSync(join(outside, 'deployed.json'), JSON.stringify({ format: 'eslint-plugin-safe-jobs/snapshot', version: 1, jobs: [], sites: [] }));
      const baseline = place(repo, outside);
      expectOneWarningPerJobFile(await lintFiles(repo.dir, ['.'], { settings: { baseline } }), message);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('in CI: an unreadable baseline is an error of the first rule that needs it, so that eslint exits 1', async () => {
    const repo = newRepo();
    writeProject(repo);
    repo.commit({});
    vi.stubEnv('CI', 'true');
    try {
      const messages = await lintFiles(repo.dir, ['.'], { settings: { baseline: 'origin/release' } });
      expect(messages.map((m) => [m.file, m.rule, m.severity])).toEqual([
        ['src/jobs/user-confirmation-job.ts', 'safe-jobs/no-deleted-enqueued-job', 2],
        ['src/signup.ts', 'safe-jobs/no-deleted-enqueued-job', 2],
      ]);
      expect(messages[0]!.message).toMatch(/no baseline to compare with, so this rule did not run: the baseline revision 'origin\/release' does not exist/);
      // The setting chooses: a warning of require-baseline, in CI too.
      expectOneWarningPerJobFile(await lintFiles(repo.dir, ['.'], { settings: { baseline: 'origin/release', baselineProblems: 'warn' } }), /does not exist/);
    } finally {
      vi.unstubAllEnvs();
    }
    // And an error outside CI where the setting says so.
    const chosen = await lintFiles(repo.dir, ['.'], { settings: { baseline: 'origin/release', baselineProblems: 'error' } });
    expect(chosen.map((m) => [m.rule, m.severity])).toEqual([
      ['safe-jobs/no-deleted-enqueued-job', 2],
      ['safe-jobs/no-deleted-enqueued-job', 2],
    ]);
  });

  it('an internal error of the analysis (here a damaged cache entry) is an error that names the cause, never a silent pass', async () => {
    const repo = newRepo();
    writeProject(repo);
    repo.commit({});
    mkdirSync(repo.path('node_modules'));
    repo.write({ '.gitignore': 'node_modules/\n' });
    await lintFiles(repo.dir);
    damageFactsStore(repo.dir);
    // Other settings of the same job pattern: a new engine (as a new process would make) that reads the same store.
    const messages = await lintFiles(repo.dir, ['.'], { settings: { retiredJobs: ['SomethingElse'] } });
    // One error on every linted file: the analysis of each is unknown.
    expect(messages.length).toBeGreaterThanOrEqual(2);
    expect(new Set(messages.map((m) => m.file)).size).toBe(messages.length);
    expect(new Set(messages.map((m) => `${m.rule}:${m.severity}`))).toEqual(new Set(['safe-jobs/no-deleted-enqueued-job:2']));
    expect(messages[0]!.message).toMatch(/could not analyse the project \(.+\)\. This is a bug of eslint-plugin-safe-jobs: please report it\./);
  });

  it('the baseline-dependent rule carries the warning itself when require-baseline is off', async () => {
    const repo = new TempRepo({ git: false });
    repos.push(repo);
    writeProject(repo);
    const eslint = new ESLint({
      cwd: repo.dir,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
        { files: ['**/*.ts'], plugins: { 'safe-jobs': plugin }, rules: { 'safe-jobs/no-new-required-param': 'error' } },
      ] as ESLint.Options['overrideConfig'],
    });
    const messages = flatten(repo.dir, await eslint.lintFiles(['.']));
    expect(messages.map((m) => [m.file, m.rule])).toEqual([
      ['src/jobs/user-confirmation-job.ts', 'safe-jobs/no-new-required-param'],
      ['src/signup.ts', 'safe-jobs/no-new-required-param'],
    ]);
    expect(messages[0]!.message).toMatch(/^safe-jobs has no baseline to compare with, so this rule did not run: .* is not inside a git repository/);
  });
});
