import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll } from 'vitest';
import rule from '../../src/rules/enqueue-args-match.js';
import { fixtureProject, removeFixtureProjects } from '../helpers/fixture-project.js';

afterAll(removeFixtureProjects);

const ruleTester = new RuleTester();

const fixture = fixtureProject({
  baseline: {},
  current: {
    'mail-job.js': 'export class MailJob extends ApplicationJob {\n  perform(id, to, cc = null) {}\n}\n',
    'payload-job.js': 'export class PayloadJob extends ApplicationJob {\n  perform({ id, to, cc = null }) {}\n}\n',
    'typed-job.ts': 'export class TypedJob extends ApplicationJob {\n  perform(id: number, to: string) {}\n}\n',
  },
});
const at = { filename: fixture.file('app.js'), settings: fixture.settings };
const imports = "import { MailJob } from './mail-job';\nimport { PayloadJob } from './payload-job';\n";

ruleTester.run('enqueue-args-match', rule, {
  valid: [
    { ...at, code: `${imports}MailJob.performLater(1, 'a@b.c');` },
    { ...at, code: `${imports}MailJob.performLater(...args);` },
    { ...at, code: `${imports}PayloadJob.performLater({ id: 1, to: 'a' });` },
    { ...at, code: `${imports}PayloadJob.performLater(payload);` },
    { filename: fixture.file('app.ts'), settings: fixture.settings, code: "import { TypedJob } from './typed-job';\nTypedJob.performLater(1);" },
    { ...at, name: 'without a baseline, it still runs', settings: { 'safe-jobs': { baseline: 'missing.json' } }, code: `${imports}MailJob.performLater(1, 'a');` },
  ],
  invalid: [
    {
      ...at,
      code: `${imports}MailJob.performLater(1);`,
      errors: [{ messageId: 'missingArguments', line: 3, column: 1, data: { job: 'MailJob', count: '1', required: '2', missing: 'to' } }],
    },
    {
      ...at,
      code: `${imports}PayloadJob.set({ wait: 5 }).performLater({ id: 1 });`,
      errors: [{ messageId: 'missingFields', data: { job: 'PayloadJob', missing: 'to' } }],
    },
    {
      name: 'without a baseline',
      ...at,
      settings: { 'safe-jobs': { baseline: 'missing.json' } },
      code: `${imports}MailJob.performLater();`,
      errors: [{ messageId: 'missingArguments', data: { job: 'MailJob', count: '0', required: '2', missing: 'id, to' } }],
    },
  ],
});
