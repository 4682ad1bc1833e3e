import { mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/run.js';
import { CACHE_FOLDER } from '../../src/project/facts-store.js';
import { TempRepo } from '../helpers/git-repo.js';
import { createESLint, flatten, lintFiles } from '../helpers/lint.js';

const BASE = 'export abstract class ApplicationJob {\n  static performLater(..._args: unknown[]) {}\n}\n';
const job = (params: string) => `import { ApplicationJob } from './application-job';\n\nexport class MailJob extends ApplicationJob {\n  perform(${params}) {}\n}\n`;

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

function deployed(): TempRepo {
  const repo = new TempRepo();
  repos.push(repo);
  repo.commit({ 'src/application-job.ts': BASE, 'src/mail-job.ts': job('id: number'), 'src/app.ts': "import { MailJob } from './mail-job';\nMailJob.performLater(1);\n" });
  return repo;
}

const rules = (messages: Awaited<ReturnType<typeof lintFiles>>) => messages.map((m) => `${m.rule}@${m.file}:${m.line}`);

describe('bad input and faults: one clear message, no crash, no false finding', () => {
  it('git missing from PATH', async () => {
    const repo = deployed();
    repo.write({ 'src/mail-job.ts': job('id: number, to: string') });
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const messages = await lintFiles(repo.dir);
      expect(rules(messages)).toEqual(['safe-jobs/require-baseline@src/app.ts:1', 'safe-jobs/require-baseline@src/mail-job.ts:1']);
      expect(messages[0]!.message).toContain('git was not found on PATH. Install git, or point `baseline` at a snapshot file.');
    } finally {
      process.env.PATH = path;
    }
  });

  it('a detached HEAD compares with the merge-base as usual', async () => {
    const repo = deployed();
    repo.commit({ 'src/other.ts': 'export const x = 1;\n' });
    repo.git('checkout', '-q', '--detach', 'HEAD');
    repo.write({ 'src/mail-job.ts': job('id: number, to: string') });
    expect(rules(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-new-required-param@src/mail-job.ts:4']);
  });

  it('a baseline file that does not parse hides its jobs instead of reporting them', async () => {
    const repo = new TempRepo();
    repos.push(repo);
    repo.commit({ 'src/application-job.ts': BASE, 'src/mail-job.ts': `${job('id: number')}\nconst broken = ;\n`, 'src/app.ts': "import { MailJob } from './mail-job';\nMailJob.performLater(1);\n" });
    repo.write({ 'src/mail-job.ts': job('id: number, to: string') });
    // The baseline version of the job is unknown: no comparison, no claim that the job is new, and one warning that says so.
    expect(rules(await lintFiles(repo.dir))).toEqual(['safe-jobs/require-baseline@src/mail-job.ts:1']);
  });

  it('a current file that does not parse is not taken for a deleted job', async () => {
    const repo = deployed();
    repo.write({ 'src/mail-job.ts': `${job('id: number')}\nconst broken = ;\n` });
    const messages = await lintFiles(repo.dir);
    // ESLint reports the parse error itself; the plugin adds nothing.
    expect(messages.filter((m) => m.rule?.startsWith('safe-jobs/'))).toEqual([]);
    expect(messages.some((m) => m.rule === null && m.file === 'src/mail-job.ts')).toBe(true);
  });

  it('files with a BOM and CRLF line endings, and files that are not UTF-8', async () => {
    const repo = deployed();
    repo.write({ 'src/mail-job.ts': `\uFEFF${job('id: number, to: string').replace(/\n/g, '\r\n')}` });
    writeFileSync(repo.path('src/latin1.ts'), Buffer.from([0x2f, 0x2f, 0x20, 0xe9, 0xe8, 0x0a, 0x65, 0x78, 0x70, 0x6f, 0x72, 0x74, 0x20, 0x7b, 0x7d, 0x3b, 0x0a]));
    const fixed = await lintFiles(repo.dir, ['.'], { fix: true });
    expect(rules(fixed)).toEqual([]);
    const messages = await lintFiles(repo.dir);
    expect(rules(messages)).toEqual([]);
  });

  it('a 5 MB generated file is skipped quickly', async () => {
    const repo = deployed();
    const line = 'export const value0 = { a: 1, b: "perform(x)", c: [1, 2, 3] };\n';
    writeFileSync(repo.path('src/generated.ts'), line.repeat(Math.ceil((5 * 1024 * 1024) / line.length)));
    repo.write({ 'src/mail-job.ts': job('id: number, to: string') });
    const started = Date.now();
    const messages = await lintFiles(repo.dir, ['src/mail-job.ts', 'src/app.ts']);
    expect(rules(messages)).toEqual(['safe-jobs/no-new-required-param@src/mail-job.ts:4']);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a symlink loop in a project without git', async () => {
    const repo = new TempRepo({ git: false });
    repos.push(repo);
    repo.write({ 'package.json': '{}', 'src/application-job.ts': BASE, 'src/mail-job.ts': job('id: number') });
    mkdirSync(repo.path('src/loop'));
    symlinkSync(repo.path('src'), repo.path('src/loop/back'));
    const messages = await lintFiles(repo.dir, ['src/mail-job.ts']);
    expect(rules(messages)).toEqual(['safe-jobs/require-baseline@src/mail-job.ts:1']);
  });

  it('a git repository whose root is above ESLint\u2019s working directory (a monorepo package)', async () => {
    const repo = new TempRepo();
    repos.push(repo);
    repo.commit({
      'packages/api/src/application-job.ts': BASE,
      'packages/api/src/mail-job.ts': job('id: number'),
      'packages/web/src/application-job.ts': BASE,
      'packages/web/src/mail-job.ts': job('id: number'),
    });
    repo.write({ 'packages/api/src/mail-job.ts': job('id: number, to: string'), 'packages/web/src/mail-job.ts': null });
    const messages = await lintFiles(repo.path('packages/api'));
    expect(rules(messages)).toEqual(['safe-jobs/no-new-required-param@src/mail-job.ts:4']);
    expect(messages[0]!.message).toMatch(/main at [0-9a-f]{7}/);
  });
});

describe('security', () => {
  it.each(['--output=/tmp/safe-jobs-pwned', '-c core.pager=touch /tmp/x', 'HEAD; touch /tmp/x', '$(touch /tmp/x)'])(
    'a revision %j never reaches git as an option or a shell',
    async (revision) => {
      const repo = deployed();
      repo.write({ 'src/mail-job.ts': job('id: number, to: string') });
      const messages = await lintFiles(repo.dir, ['.'], { settings: { baseline: revision } });
      expect(messages.every((m) => m.rule === 'safe-jobs/require-baseline')).toBe(true);
      expect(messages[0]!.message).toMatch(/was refused|does not exist in this clone/);
      const err = { text: '', write(chunk: string) { this.text += chunk; } };
      expect(await main(['check', '--base', revision, '--cwd', repo.dir], { write: () => true }, err)).toBe(2);
      expect(() => statSync('/tmp/safe-jobs-pwned')).toThrow();
    },
  );

  it('writes nothing into the project while linting, fixing aside, but its cache in node_modules/.cache (facts, blobs, and the contracts of both versions)', async () => {
    const repo = deployed();
    repo.write({ 'src/mail-job.ts': job('id: number, to: string'), '.gitignore': 'node_modules/\n' });
    mkdirSync(repo.path('node_modules'));
    const before = listFiles(repo.dir);
    const eslint = createESLint(repo.dir);
    flatten(repo.dir, await eslint.lintFiles(['.']));
    await main(['check', '--cwd', repo.dir], { write: () => true }, { write: () => true });
    const after = listFiles(repo.dir);
    expect(after.filter((path) => !path.startsWith(`${CACHE_FOLDER}${sep}`))).toEqual(before);
    // The blobs that hold no job, the baseline commit's contracts, the facts, and the working tree's contracts.
    expect(after.filter((path) => path.startsWith(`${CACHE_FOLDER}${sep}`))).toEqual([
      expect.stringMatching(/blobs-[0-9a-f]{16}\.json$/),
      expect.stringMatching(/contracts-[0-9a-f]{16}\.json$/),
      expect.stringMatching(/facts-[0-9a-f]{16}\.json$/),
      expect.stringMatching(/worktree-[0-9a-f]{16}\.json$/),
    ]);
    expect(repo.git('status', '--porcelain')).toBe(' M src/mail-job.ts\n?? .gitignore\n');
  });
});

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(dir, join(prefix, entry.name)) : [join(prefix, entry.name)]))
    .sort();
}
