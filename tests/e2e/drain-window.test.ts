/**
 * The drain window end to end: several deployed versions whose jobs may still be queued,
 * given as a list, by SAFE_JOBS_BASELINE or as a window of deploy tags, through ESLint and
 * the command line on real git histories.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useTempRepos } from '../helpers/deployed.js';
import { TempRepo } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';

const BASE = 'export abstract class ApplicationJob {\n  static performLater(..._args: unknown[]) {}\n  static set(_options: object) {\n    return this;\n  }\n}\n';
const job = (params: string) => `import { ApplicationJob } from './application-job';\n\nexport class ReminderJob extends ApplicationJob {\n  perform(${params}) {}\n}\n`;
const enqueuer = (args: string) => `import { ReminderJob } from './jobs/reminder-job';\n\nexport function remind(id: number) {\n  ReminderJob.performLater(${args});\n}\n`;

const newRepo = useTempRepos();

/** v1 without `locale`, v2 the transitional form (optional, passed everywhere), and a working tree that makes it required. */
function threeDeploys(): TempRepo {
  const repo = newRepo();
  repo.commit({ 'src/jobs/application-job.ts': BASE, 'src/jobs/reminder-job.ts': job('id: number'), 'src/remind.ts': enqueuer('id') });
  repo.git('tag', 'v1');
  repo.commit({ 'src/jobs/reminder-job.ts': job('id: number, locale?: string'), 'src/remind.ts': enqueuer("id, 'en'") });
  repo.git('tag', 'v2');
  repo.write({ 'src/jobs/reminder-job.ts': job('id: number, locale: string') });
  return repo;
}

const check = (cwd: string, args: string[]) => runCli(['check', '--cwd', cwd, ...args]);

describe('several baselines', () => {
  it('reports the second step while an older listed deploy still enqueues without the value, and only then', async () => {
    const repo = threeDeploys();
    expect(await lintFiles(repo.dir, ['.'], { settings: { baseline: 'v2' } })).toEqual([]);
    const messages = await lintFiles(repo.dir, ['.'], { settings: { baseline: ['v1', 'v2'] } });
    expect(messages.map((message) => `${message.rule}@${message.file}:${message.line}`)).toEqual(['safe-jobs/no-new-required-param@src/jobs/reminder-job.ts:4']);
    expect(messages[0]!.message).toMatch(/^Job 'ReminderJob' now requires parameter 'locale', which jobs queued by v1 at [0-9a-f]{7} lack/);
  });

  it('names every baseline a finding breaks against', async () => {
    const repo = threeDeploys();
    repo.write({ 'src/jobs/reminder-job.ts': job('id: number, locale?: string, tz: string') });
    const [finding] = await lintFiles(repo.dir, ['.'], { settings: { baseline: ['v1', 'v2'] } });
    expect(finding!.message).toMatch(/now requires parameter 'tz', which jobs queued by v1 at [0-9a-f]{7} and v2 at [0-9a-f]{7} lack/);
  });

  it('takes the list from SAFE_JOBS_BASELINE and from check --base, with the baselines in the JSON findings', async () => {
    const repo = threeDeploys();
    const previous = process.env.SAFE_JOBS_BASELINE;
    process.env.SAFE_JOBS_BASELINE = 'v1,v2';
    try {
      expect(await lintFiles(repo.dir)).toHaveLength(1);
    } finally {
      if (previous === undefined) delete process.env.SAFE_JOBS_BASELINE;
      else process.env.SAFE_JOBS_BASELINE = previous;
    }
    const listed = await check(repo.dir, ['--base', 'v1,v2', '--format', 'json']);
    expect(listed.code).toBe(1);
    const report = JSON.parse(listed.out) as { baseline: string; findings: Array<{ rule: string; baselines?: string[] }> };
    expect(report.baseline).toMatch(/^v1 at [0-9a-f]{7} and v2 at [0-9a-f]{7}$/);
    expect(report.findings.map((finding) => [finding.rule, finding.baselines?.map((label) => label.slice(0, 2))])).toEqual([['safe-jobs/no-new-required-param', ['v1']]]);
    expect((await check(repo.dir, ['--base', 'v2'])).code).toBe(0);
  });

  it('is silent on a job deleted after its enqueuers were removed two deploys ago', async () => {
    const repo = newRepo();
    repo.commit({ 'src/jobs/application-job.ts': BASE, 'src/jobs/reminder-job.ts': job('id: number'), 'src/remind.ts': enqueuer('id') });
    repo.git('tag', 'v1');
    repo.commit({ 'src/remind.ts': null });
    repo.git('tag', 'v2');
    repo.commit({ 'README.md': 'v3\n' });
    repo.git('tag', 'v3');
    repo.write({ 'src/jobs/reminder-job.ts': null });
    expect(await lintFiles(repo.dir, ['.'], { settings: { baseline: ['v2', 'v3'] } })).toEqual([]);
    expect((await check(repo.dir, ['--base', 'v2,v3'])).code).toBe(0);
    // Against the deploy that still enqueued it, the deletion breaks.
    const { code, out } = await check(repo.dir, ['--base', 'v1,v2,v3']);
    expect(code).toBe(1);
    expect(out).toContain("Job 'ReminderJob' is deleted, but the deployed version (v1 at ");
  });

  it('fails closed when one listed baseline cannot be read', async () => {
    const repo = threeDeploys();
    const { code, out } = await check(repo.dir, ['--base', 'v2,v0', '--format', 'json']);
    expect(code).toBe(2);
    expect(out).toBe('');
  });
});

describe('deploy tags as the window', () => {
  const DAY = 86_400_000;

  /** deploy-1 (30 days ago) without `locale`, deploy-2 (10 days ago) and deploy-3 (2 days ago) transitional. */
  function taggedDeploys(): TempRepo {
    const repo = newRepo();
    repo.commit({ 'src/jobs/application-job.ts': BASE, 'src/jobs/reminder-job.ts': job('id: number'), 'src/remind.ts': enqueuer('id') });
    repo.tag('deploy-1', new Date(Date.now() - 30 * DAY));
    repo.commit({ 'src/jobs/reminder-job.ts': job('id: number, locale?: string'), 'src/remind.ts': enqueuer("id, 'en'") });
    repo.tag('deploy-2', new Date(Date.now() - 10 * DAY));
    repo.commit({ 'README.md': 'deploy 3\n' });
    repo.tag('deploy-3', new Date(Date.now() - 2 * DAY));
    repo.write({ 'src/jobs/reminder-job.ts': job('id: number, locale: string') });
    return repo;
  }

  it('checks every version that ran within the days', async () => {
    const repo = taggedDeploys();
    // deploy-1 was replaced 10 days ago: its jobs may wait within 14 days, not within 7.
    expect(await lintFiles(repo.dir, ['.'], { settings: { baseline: { tags: 'deploy-*', days: 7 } } })).toEqual([]);
    const messages = await lintFiles(repo.dir, ['.'], { settings: { baseline: { tags: 'deploy-*', days: 14 } } });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toContain('queued by deploy-1 at ');
  });

  it('checks the last K deploys', async () => {
    const repo = taggedDeploys();
    expect(await lintFiles(repo.dir, ['.'], { settings: { baseline: { tags: 'deploy-*', last: 2 } } })).toEqual([]);
    expect(await lintFiles(repo.dir, ['.'], { settings: { baseline: { tags: 'deploy-*', last: 3 } } })).toHaveLength(1);
  });

  it('reports a window that matches no tag on the job files instead of passing', async () => {
    const repo = taggedDeploys();
    const messages = await lintFiles(repo.dir, ['.'], { settings: { baseline: { tags: 'release-*', last: 2 }, baselineProblems: 'error' } });
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((message) => message.severity === 2 && message.message.includes('no tag matches "release-*"'))).toBe(true);
  });
});

describe('delayed jobs', () => {
  it('says how long the transitional form must stay when the deployed code delays the job', async () => {
    const repo = newRepo();
    repo.commit({ 'src/jobs/application-job.ts': BASE, 'src/jobs/reminder-job.ts': job('id: number'), 'src/remind.ts': enqueuer('id').replace('ReminderJob.performLater', 'ReminderJob.set({ wait: 6 * 24 * 3600 }).performLater') });
    repo.write({ 'src/jobs/reminder-job.ts': job('id: number, locale: string') });
    const [finding] = await lintFiles(repo.dir);
    expect(finding!.message).toMatch(/ Jobs enqueued by main at [0-9a-f]{7} with a delay of up to 6 days \(src\/remind\.ts:4\) may still be waiting: take the next step no sooner than 6 days after the transitional release\.$/);
  });
});
