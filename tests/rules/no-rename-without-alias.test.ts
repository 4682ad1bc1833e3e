import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll } from 'vitest';
import rule from '../../src/rules/no-rename-without-alias.js';
import { fixtureProject, removeFixtureProjects } from '../helpers/fixture-project.js';

afterAll(removeFixtureProjects);

const ruleTester = new RuleTester();

const BODY = "const user = findUser(id);\n    if (!user) return;\n    mailer.send(user.email, 'Welcome', { locale: user.locale });";
const job = (name: string, exported = true, body = BODY) =>
  `${exported ? 'export ' : ''}class ${name} extends ApplicationJob {\n  perform(id: number) {\n    ${body}\n  }\n}\n`;

const renamed = fixtureProject({
  baseline: { 'jobs/welcome-job.ts': job('WelcomeJob'), 'signup.ts': "import { WelcomeJob } from './jobs/welcome-job';\nWelcomeJob.performLater(1);\n" },
});
const at = { filename: renamed.file('jobs/onboarding-job.ts'), settings: renamed.settings };
const data = { job: 'OnboardingJob', oldName: 'WelcomeJob', sites: 'enqueued at signup.ts:2', baseline: renamed.baselineLabel, aliasHint: '', drain: '' };

ruleTester.run('no-rename-without-alias', rule, {
  valid: [
    {
      name: 'the old name kept as an alias',
      ...at,
      code: `${job('OnboardingJob')}\nexport class WelcomeJob extends OnboardingJob {}\n`,
    },
    { name: 'a new job that shares nothing with the old one', ...at, code: job('DigestJob', true, 'digest.build(id).deliver();') },
    { name: 'a different signature', ...at, code: job('OnboardingJob').replace('perform(id: number)', 'perform(id: string)') },
  ],
  invalid: [
    {
      ...at,
      code: job('OnboardingJob'),
      output: `${job('OnboardingJob').trimEnd()}\n\n/** @deprecated Renamed to OnboardingJob; remove once no deployed code enqueues WelcomeJob. */\nexport class WelcomeJob extends OnboardingJob {}\n`,
      errors: [{ messageId: 'renamedWithoutAlias', line: 1, column: 14, endColumn: 27, data }],
    },
    {
      name: 'a class that is not exported gets an alias that is not exported',
      ...at,
      code: `${job('OnboardingJob', false)}OnboardingJob.performLater(1);\n`,
      output: `${job('OnboardingJob', false).trimEnd()}\n\n/** @deprecated Renamed to OnboardingJob; remove once no deployed code enqueues WelcomeJob. */\nclass WelcomeJob extends OnboardingJob {}\nOnboardingJob.performLater(1);\n`,
      errors: [{ messageId: 'renamedWithoutAlias', line: 1, column: 7, data }],
    },
  ],
});
