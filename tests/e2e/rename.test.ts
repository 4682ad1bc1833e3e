import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';

const BASE = 'export abstract class ApplicationJob {\n  static performLater(..._args: unknown[]) {}\n}\n';
const BODY = `    const user = findUser(id);
    if (!user) return;
    mailer.send(user.email, 'Welcome aboard', { locale: user.locale });
    metrics.increment('welcome.sent');`;
const job = (name: string, body = BODY) =>
  `import { ApplicationJob } from './application-job';\nimport { findUser, mailer, metrics } from '../lib';\n\nexport class ${name} extends ApplicationJob {\n  perform(id: number) {\n${body}\n  }\n}\n`;
const alias = (oldName: string, newName: string) =>
  `\n\n/** @deprecated Renamed to ${newName}; remove once no deployed code enqueues ${oldName}. */\nexport class ${oldName} extends ${newName} {}`;
const enqueuer = (name: string, file: string) => `import { ${name} } from './jobs/${file}';\n\nexport const signUp = (id: number) => ${name}.performLater(id);\n`;
const LIB = 'export const findUser = (id: number) => ({ email: `${id}@x`, locale: "en" });\nexport const mailer = { send: (..._a: unknown[]) => {} };\nexport const metrics = { increment: (_k: string) => {} };\n';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

function deploy(files: Record<string, string | null>): TempRepo {
  const repo = new TempRepo();
  repos.push(repo);
  repo.commit({ 'src/jobs/application-job.ts': BASE, 'src/lib.ts': LIB, ...files });
  return repo;
}

const summary = (messages: Awaited<ReturnType<typeof lintFiles>>) => messages.map((m) => `${m.rule}@${m.file}:${m.line}`);

describe('no-rename-without-alias', () => {
  it('reports a rename with the enqueuers switched, and the fix writes the alias', async () => {
    const repo = deploy({ 'src/jobs/welcome-job.ts': job('WelcomeJob'), 'src/signup.ts': enqueuer('WelcomeJob', 'welcome-job') });
    repo.write({ 'src/jobs/welcome-job.ts': null, 'src/jobs/onboarding-job.ts': job('OnboardingJob'), 'src/signup.ts': enqueuer('OnboardingJob', 'onboarding-job') });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-rename-without-alias@src/jobs/onboarding-job.ts:4', 'safe-jobs/no-premature-enqueue@src/signup.ts:3']);
    expect(messages[0]!.message).toContain("Job 'OnboardingJob' replaces 'WelcomeJob' without an alias");
    expect(messages[0]!.message).toContain('enqueued at src/signup.ts:3');
    await lintFiles(repo.dir, ['.'], { fix: true });
    expect(readFileSync(repo.path('src/jobs/onboarding-job.ts'), 'utf8')).toBe(`${job('OnboardingJob').trimEnd()}${alias('WelcomeJob', 'OnboardingJob')}\n`);
    // The alias keeps WelcomeJob handled; switching the enqueuers remains premature until the new job is deployed.
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-premature-enqueue@src/signup.ts:3']);
  });

  it('is silent at each of the three deploys', async () => {
    const repo = deploy({ 'src/jobs/welcome-job.ts': job('WelcomeJob'), 'src/signup.ts': enqueuer('WelcomeJob', 'welcome-job') });
    // Deploy 1: the new job, the old name kept as an alias, the enqueuers unchanged.
    repo.write({
      'src/jobs/welcome-job.ts': `import { OnboardingJob } from './onboarding-job';${alias('WelcomeJob', 'OnboardingJob')}\n`,
      'src/jobs/onboarding-job.ts': job('OnboardingJob'),
    });
    expect(await lintFiles(repo.dir)).toEqual([]);
    repo.commit({}, 'deploy 1');
    // Deploy 2: the enqueuers switch; the alias stays.
    repo.write({ 'src/signup.ts': enqueuer('OnboardingJob', 'onboarding-job') });
    expect(await lintFiles(repo.dir)).toEqual([]);
    repo.commit({}, 'deploy 2');
    // Deploy 3: the alias goes, since no deployed code enqueues WelcomeJob.
    repo.write({ 'src/jobs/welcome-job.ts': null });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('is silent for a job file moved without a rename', async () => {
    const repo = deploy({ 'src/jobs/welcome-job.ts': job('WelcomeJob'), 'src/signup.ts': enqueuer('WelcomeJob', 'welcome-job') });
    repo.write({
      'src/jobs/welcome-job.ts': null,
      'src/jobs/mail/welcome-job.ts': job('WelcomeJob').replace('./application-job', '../application-job').replace('../lib', '../../lib'),
      'src/signup.ts': enqueuer('WelcomeJob', 'mail/welcome-job'),
    });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('does not pair two jobs whose bodies are empty', async () => {
    const repo = deploy({ 'src/jobs/welcome-job.ts': job('WelcomeJob', ''), 'src/signup.ts': enqueuer('WelcomeJob', 'welcome-job') });
    repo.write({ 'src/jobs/welcome-job.ts': null, 'src/jobs/digest-job.ts': job('DigestJob', ''), 'src/signup.ts': 'export {};\n' });
    // A deletion, not a rename: the two jobs share nothing but an empty body.
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-deleted-enqueued-job@src/signup.ts:1']);
  });

  it('does not pair when two new jobs are equally similar', async () => {
    const repo = deploy({ 'src/jobs/welcome-job.ts': job('WelcomeJob'), 'src/signup.ts': enqueuer('WelcomeJob', 'welcome-job') });
    repo.write({ 'src/jobs/welcome-job.ts': null, 'src/jobs/a-job.ts': job('AJob'), 'src/jobs/b-job.ts': job('BJob'), 'src/signup.ts': 'export {};\n' });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-deleted-enqueued-job@src/signup.ts:1']);
  });

  it('recognizes a reformatted body with comments', async () => {
    const repo = deploy({ 'src/jobs/welcome-job.ts': job('WelcomeJob'), 'src/signup.ts': enqueuer('WelcomeJob', 'welcome-job') });
    const reformatted = BODY.replace(/\n\s+/g, '\n      // step\n      ').replace("'Welcome aboard', {", "'Welcome aboard',\n        {");
    repo.write({ 'src/jobs/welcome-job.ts': null, 'src/jobs/onboarding-job.ts': job('OnboardingJob', reformatted) });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-rename-without-alias@src/jobs/onboarding-job.ts:4']);
  });
});
