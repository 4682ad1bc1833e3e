/**
 * The CI recipes in real shallow clones (file:// URLs, so git makes them as it does from a
 * server): what is printed when the base is missing or not joined to HEAD, that the printed
 * commands work in the clone at hand, and that a branch behind main is never told that it
 * deletes what main added.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useTempRepos } from '../helpers/deployed.js';
import { TempRepo } from '../helpers/git-repo.js';
import { lintFiles, type Message } from '../helpers/lint.js';

const BASE = 'export abstract class ApplicationJob {\n  static performLater(..._args: unknown[]) {}\n}\n';
const job = (name: string, params: string) => `import { ApplicationJob } from './application-job';\n\nexport class ${name} extends ApplicationJob {\n  perform(${params}) {}\n}\n`;
const enqueue = (name: string, file: string, args: string) => `import { ${name} } from './jobs/${file}';\n\nexport function run() {\n  ${name}.performLater(${args});\n}\n`;

const newRepo = useTempRepos();

/**
 * The origin: main at c1 (AJob), a branch `feature` from c1 that adds a required parameter to
 * AJob, main then adding BJob (c2), a pull-request merge ref of feature into main, and a tag v1 at c1.
 */
function origin(): TempRepo {
  const repo = newRepo();
  repo.commit({ 'src/jobs/application-job.ts': BASE, 'src/jobs/a-job.ts': job('AJob', 'id: number'), 'src/run-a.ts': enqueue('AJob', 'a-job', '1') });
  repo.git('tag', 'v1');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.commit({ 'src/jobs/a-job.ts': job('AJob', 'id: number, locale: string') });
  repo.git('checkout', '-q', 'main');
  repo.commit({ 'src/jobs/b-job.ts': job('BJob', 'id: number'), 'src/run-b.ts': enqueue('BJob', 'b-job', '2') });
  repo.git('merge', '-q', '--no-ff', '-m', 'Merge feature', 'feature');
  repo.git('update-ref', 'refs/pull/1/merge', 'HEAD');
  repo.git('reset', '-q', '--hard', 'HEAD~1');
  return repo;
}

/** `git clone --depth=1 --branch <branch>`: a shallow single-branch clone, as CI makes. */
function shallowClone(from: TempRepo, branch: string): TempRepo {
  const clone = newRepo({ git: false });
  clone.git('clone', '-q', '--depth=1', '--branch', branch, `file://${from.dir}`, '.');
  return clone;
}

/** Runs a command printed in backticks in a message, as a user would paste it (git only, split on spaces). */
function runPrinted(repo: TempRepo, message: string, pattern: RegExp): string {
  const command = pattern.exec(message)?.[1];
  if (!command) throw new Error(`no command matching ${pattern} in: ${message}`);
  const [git, ...args] = command.split(' ');
  expect(git).toBe('git');
  repo.git(...args);
  return command;
}

const rules = (messages: Message[]) => [...new Set(messages.map((message) => message.rule))];

/** `safe-jobs check` in the clone, as a CI step runs it (a fresh engine each time). */
const check = (repo: TempRepo, args: string[] = []) => runCli(['check', '--cwd', repo.dir, ...args]);

describe('shallow clones', () => {
  it('a branch behind main: the printed fetch works, then no common ancestor is said instead of reporting BJob deleted, then --unshallow compares at the merge-base', async () => {
    const clone = shallowClone(origin(), 'feature');
    const missing = await check(clone);
    expect(missing.code).toBe(2);
    const fetch = runPrinted(clone, missing.err, /fetch the base with `(git fetch --depth=1 origin main:refs\/remotes\/origin\/main)`/);
    expect(fetch).toBe('git fetch --depth=1 origin main:refs/remotes/origin/main');

    const unjoined = await check(clone);
    expect(unjoined.code).toBe(2);
    expect(unjoined.err).toContain("'origin/main' and HEAD have no common ancestor in this clone (a shallow clone): compared with the tip of 'origin/main', what was added there after this branch left it would look removed by this branch.");
    expect(unjoined.out).toBe('');
    // ESLint says the same on the job files, and reports no deletion of BJob.
    const linted = await lintFiles(clone.dir);
    expect(rules(linted)).toEqual(['safe-jobs/require-baseline']);
    expect(linted.some((message) => message.message.includes('BJob'))).toBe(false);

    runPrinted(clone, unjoined.err, /Fetch the history that joins them \(`(git fetch --unshallow)`/);
    const joined = await check(clone, ['--format', 'json']);
    expect(joined.code).toBe(1);
    const report = JSON.parse(joined.out) as { findings: Array<{ rule: string; file: string; line: number }> };
    expect(report.findings.map((finding) => `${finding.rule}@${finding.file}:${finding.line}`)).toEqual(['safe-jobs/no-new-required-param@src/jobs/a-job.ts:4']);
  });

  it("a pull request's merge commit (actions/checkout at depth 1) is compared with the tip of main, its parent", async () => {
    const from = origin();
    const clone = newRepo();
    clone.git('remote', 'add', 'origin', `file://${from.dir}`);
    clone.git('fetch', '-q', '--depth=1', 'origin', 'refs/pull/1/merge');
    clone.git('checkout', '-q', 'FETCH_HEAD');
    // The recipe of docs/ci.md: the base branch fetched under its remote-tracking name.
    clone.git('fetch', '-q', '--depth=1', 'origin', 'main:refs/remotes/origin/main');
    const messages = await lintFiles(clone.dir, ['.'], { settings: { baseline: 'origin/main' } });
    expect(messages.map((message) => `${message.rule}@${message.file}:${message.line}`)).toEqual(['safe-jobs/no-new-required-param@src/jobs/a-job.ts:4']);
  });

  it("GitLab's recipe: a single-branch clone with full history, the target branch fetched by refspec, compared at the merge-base", async () => {
    const clone = newRepo({ git: false });
    clone.git('clone', '-q', '--single-branch', '--branch', 'feature', `file://${origin().dir}`, '.');
    clone.git('fetch', '-q', 'origin', 'main:refs/remotes/origin/main');
    const messages = await lintFiles(clone.dir, ['.'], { settings: { baseline: 'origin/main' } });
    expect(messages.map((message) => `${message.rule}@${message.file}:${message.line}`)).toEqual(['safe-jobs/no-new-required-param@src/jobs/a-job.ts:4']);
    expect(messages[0]!.message).toMatch(/queued by origin\/main \(merge-base [0-9a-f]{7}\) lack/);
  });

  it('a deployed tag fetched into a shallow clone is compared as it is', async () => {
    const clone = shallowClone(origin(), 'feature');
    clone.git('fetch', '-q', '--depth=1', 'origin', 'tag', 'v1');
    const messages = await lintFiles(clone.dir, ['.'], { settings: { baseline: 'v1' } });
    expect(messages.map((message) => `${message.rule}@${message.file}:${message.line}`)).toEqual(['safe-jobs/no-new-required-param@src/jobs/a-job.ts:4']);
  });

  it('a missing tag: the printed fetch brings it', async () => {
    const clone = shallowClone(origin(), 'feature');
    const missing = await check(clone, ['--base', 'v1']);
    expect(missing.code).toBe(2);
    runPrinted(clone, missing.err, /fetch the base with `(git fetch --depth=1 origin tag v1)`/);
    expect((await check(clone, ['--base', 'v1'])).code).toBe(1);
  });
});
