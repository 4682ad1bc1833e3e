/**
 * A repository can configure programs that git runs on its own: an fsmonitor hook, filter
 * drivers for the files its attributes name, external diff and textconv drivers. Editor tools
 * that run git in folders nobody vetted must never start them (git's own CVEs on fsmonitor are
 * the anchor). Each program here records that it ran; no lint and no `safe-jobs check` may run one.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/run.js';
import { Engine } from '../../src/engine/engine.js';
import { readSettings } from '../../src/settings.js';
import { TempRepo } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
  vi.unstubAllEnvs();
});

const job = (params: string) => `export class ApplicationJob {}\n\nexport class MailJob extends ApplicationJob {\n  perform(${params}) {}\n}\n`;
const ENQUEUE = "import { MailJob } from './mail-job';\nexport const send = () => MailJob.performLater(1);\n";

/** A deployed app whose .git/config and .gitattributes name programs that each leave a file in ran/ when started. */
function hostileApp(): TempRepo {
  const repo = new TempRepo();
  repos.push(repo);
  const recorder = (name: string) => `#!/bin/sh\ntouch "${repo.path(`ran/${name}`)}"\ncat\n`;
  repo.write({ 'ran/.keep': '', 'hooks/fsmonitor': recorder('fsmonitor'), 'hooks/clean': recorder('clean'), 'hooks/smudge': recorder('smudge'), 'hooks/textconv': recorder('textconv'), 'hooks/diff': recorder('diff') });
  for (const name of ['fsmonitor', 'clean', 'smudge', 'textconv', 'diff']) chmodSync(repo.path(`hooks/${name}`), 0o755);
  repo.commit({ 'src/mail-job.ts': job('id: number'), 'src/send.ts': ENQUEUE, '.gitignore': 'ran/\nhooks/\n' });
  const config: Array<[string, string]> = [
    ['core.fsmonitor', repo.path('hooks/fsmonitor')],
    ['filter.evil.clean', repo.path('hooks/clean')],
    ['filter.evil.smudge', repo.path('hooks/smudge')],
    ['filter.evil.required', 'true'],
    ['filter.odd.name.clean', repo.path('hooks/clean')],
    ['diff.evil.textconv', repo.path('hooks/textconv')],
    ['diff.external', repo.path('hooks/diff')],
  ];
  for (const [key, value] of config) repo.git('config', key, value);
  repo.write({ '.gitattributes': '*.ts filter=evil diff=evil\nsrc/send.ts filter=odd.name\n' });
  // The working tree differs from the commit, so git compares contents (where filters would run).
  repo.write({ 'src/mail-job.ts': job('id: number, to: string'), 'src/send.ts': `${ENQUEUE}// touched\n` });
  return repo;
}

const ran = (repo: TempRepo) => readdirSync(repo.path('ran')).filter((name) => name !== '.keep');

describe('git in a hostile repository', () => {
  it('the repository really configures programs that git runs (the test can fail)', () => {
    const repo = hostileApp();
    repo.git('status', '--porcelain');
    repo.git('diff', 'HEAD');
    expect(ran(repo).sort()).toEqual(expect.arrayContaining(['clean', 'fsmonitor']));
  });

  it('a lint runs none of them, and still reports the change', () => {
    const repo = hostileApp();
    const result = readSettings({ 'safe-jobs': { baseline: 'main' } }, {});
    if ('error' in result) throw new Error(result.error);
    vi.stubEnv('SAFE_JOBS_CACHE', 'off');
    const engine = new Engine({ root: repo.dir, cwd: repo.dir, isGit: true }, result.settings);
    const path = repo.path('src/mail-job.ts');
    const report = engine.lintFile(path, readFileSync(path, 'utf8'), () => {
      throw new Error('not parsed here');
    });
    expect(report.problem).toBeUndefined();
    expect(report.findings.map((finding) => finding.rule)).toContain('no-new-required-param');
    expect(existsSync(repo.path('ran'))).toBe(true);
    expect(ran(repo)).toEqual([]);
  });
});

describe('git and the environment', () => {
  it('works on the repository of the linted file, whatever GIT_DIR and GIT_INDEX_FILE a parent process left', () => {
    const repo = hostileApp();
    const other = new TempRepo();
    repos.push(other);
    other.commit({ 'src/other.ts': 'export const x = 1;\n' });
    vi.stubEnv('GIT_DIR', other.path('.git'));
    vi.stubEnv('GIT_INDEX_FILE', other.path('.git/index'));
    vi.stubEnv('SAFE_JOBS_CACHE', 'off');
    const result = readSettings({ 'safe-jobs': { baseline: 'main' } }, {});
    if ('error' in result) throw new Error(result.error);
    const engine = new Engine({ root: repo.dir, cwd: repo.dir, isGit: true }, result.settings);
    const path = repo.path('src/mail-job.ts');
    const report = engine.lintFile(path, readFileSync(path, 'utf8'), () => {
      throw new Error('not parsed here');
    });
    expect(report.findings.map((finding) => finding.rule)).toContain('no-new-required-param');
  });
});

describe('repositories git will not, or cannot, compare', () => {
  it.skipIf(process.getuid?.() !== 0)('a repository owned by another user: one clear warning per job file, never an override of safe.directory', async () => {
    const repo = new TempRepo();
    repos.push(repo);
    repo.commit({ 'src/mail-job.ts': job('id: number'), 'src/send.ts': ENQUEUE, 'src/util.ts': 'export const x = 1;\n' });
    repo.write({ 'src/mail-job.ts': job('id: number, to: string') });
    execFileSync('chown', ['-R', '65534:65534', repo.dir]);
    // No machine-wide or personal safe.directory may decide this test.
    vi.stubEnv('GIT_CONFIG_GLOBAL', '/dev/null');
    vi.stubEnv('GIT_CONFIG_NOSYSTEM', '1');
    const messages = await lintFiles(repo.dir, ['.'], { settings: { baseline: 'main' } });
    expect(messages.map((m) => [m.file, m.rule, m.severity])).toEqual([
      ['src/mail-job.ts', 'safe-jobs/require-baseline', 1],
      ['src/send.ts', 'safe-jobs/require-baseline', 1],
    ]);
    expect(messages[0]!.message).toMatch(/git refuses to work in .*owned by another user \(git's safe\.directory protection\)/);
  });

  it('a bare repository: says it has no working tree, not that it is no repository', async () => {
    const bare = new TempRepo({ git: false });
    repos.push(bare);
    execFileSync('git', ['init', '-q', '--bare', bare.dir]);
    const err: string[] = [];
    const code = await main(['check', '--cwd', bare.dir], { write: () => true }, { write: (text: string) => err.push(text) });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/is a bare repository: it has no working tree to compare with a baseline/);
  });
});
