import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll } from 'vitest';
import rule from '../../src/rules/no-queue-change.js';
import { fixtureProject, removeFixtureProjects } from '../helpers/fixture-project.js';

afterAll(removeFixtureProjects);

const ruleTester = new RuleTester();

const job = (queue?: string) =>
  `export class MailJob extends ApplicationJob {\n${queue ? `  static queue = '${queue}';\n` : ''}  perform(id: number) {}\n}\n`;

function deployed(queue: string | undefined, enqueued: boolean) {
  const fixture = fixtureProject({
    baseline: { 'mail-job.ts': job(queue), ...(enqueued ? { 'app.ts': "import { MailJob } from './mail-job';\nMailJob.performLater(1);\n" } : {}) },
    pattern: { queueProperty: 'queue' },
  });
  return { at: { filename: fixture.file('mail-job.ts'), settings: fixture.settings }, baseline: fixture.baselineLabel };
}

const mailers = deployed('mailers', true);
const defaultQueue = deployed(undefined, true);
const neverEnqueued = deployed('mailers', false);

ruleTester.run('no-queue-change', rule, {
  valid: [
    { ...mailers.at, code: job('mailers') },
    { ...neverEnqueued.at, code: job('bulk') },
  ],
  invalid: [
    {
      ...mailers.at,
      code: job('bulk'),
      errors: [
        {
          messageId: 'queueChanged',
          line: 1,
          column: 14,
          data: { job: 'MailJob', previousQueue: 'mailers', currentQueue: 'bulk', sites: 'app.ts:2', baseline: mailers.baseline, drain: '' },
        },
      ],
    },
    {
      name: 'from the default queue to a named one',
      ...defaultQueue.at,
      code: job('bulk'),
      errors: [{ messageId: 'queueChanged', data: { job: 'MailJob', previousQueue: '(default)', currentQueue: 'bulk', sites: 'app.ts:2', baseline: defaultQueue.baseline, drain: '' } }],
    },
  ],
});
