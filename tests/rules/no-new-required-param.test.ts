import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll } from 'vitest';
import rule from '../../src/rules/no-new-required-param.js';
import { fixtureProject, removeFixtureProjects } from '../helpers/fixture-project.js';

afterAll(removeFixtureProjects);

const ruleTester = new RuleTester();

const BASE = 'export class ApplicationJob {}\n';

function positional(params: string): string {
  return `import { ApplicationJob } from './application-job';
export class UserConfirmationJob extends ApplicationJob {
  perform(${params}) {}
}
`;
}

/** A baseline where the job takes `params` and `enqueue` holds the deployed enqueue calls. */
function project(params: string, enqueue = 'UserConfirmationJob.performLater(1, "hi");', options: { js?: boolean } = {}) {
  const ext = options.js ? 'js' : 'ts';
  const fixture = fixtureProject({
    baseline: {
      [`jobs/application-job.${ext}`]: BASE,
      [`jobs/user-confirmation-job.${ext}`]: positional(params),
      [`signup.${ext}`]: `import { UserConfirmationJob } from './jobs/user-confirmation-job';\n${enqueue}\n`,
    },
    current: { [`jobs/application-job.${ext}`]: BASE },
  });
  return {
    at: { filename: fixture.file(`jobs/user-confirmation-job.${ext}`), settings: fixture.settings },
    data: (param: string, sites = '') => ({ job: 'UserConfirmationJob', param, baseline: fixture.baselineLabel, sites, drain: '' }),
  };
}

function payload(type: string, enqueue = 'UserConfirmationJob.performLater({ id: 1 });') {
  const code = `import { ApplicationJob } from './application-job';
interface Payload { ${type} }
export class UserConfirmationJob extends ApplicationJob {
  perform(payload: Payload) {}
}
`;
  const fixture = fixtureProject({
    baseline: {
      'jobs/application-job.ts': BASE,
      'jobs/user-confirmation-job.ts': code,
      'signup.ts': `import { UserConfirmationJob } from './jobs/user-confirmation-job';\n${enqueue}\n`,
    },
    current: { 'jobs/application-job.ts': BASE },
  });
  return {
    at: { filename: fixture.file('jobs/user-confirmation-job.ts'), settings: fixture.settings },
    code: (t: string) => code.replace(type, t),
    data: (param: string, sites = '') => ({ job: 'UserConfirmationJob', param, baseline: fixture.baselineLabel, sites, drain: '' }),
  };
}

const article = project('id: number, message: string');
const payloadN = payload('id: number;');
const javascript = project('id, message', 'UserConfirmationJob.performLater(1, "hi");', { js: true });
const premature = project('id: number, message: string, date?: string', 'UserConfirmationJob.performLater(1, "hi");\nUserConfirmationJob.performLater(2, "yo", "2017-12-24");');
const prematureDefault = project("id: number, message: string, date = 'today'", 'UserConfirmationJob.performLater(1, "hi");');
const prematureField = payload('id: number; date?: string;', 'UserConfirmationJob.performLater({ id: 1 });');
const javascriptPayload = project('{ id }', 'UserConfirmationJob.performLater({ id: 1 });', { js: true });
const inline = project('{ id }: { id: number }', 'UserConfirmationJob.performLater({ id: 1 });');

ruleTester.run('no-new-required-param', rule, {
  valid: [
    { name: 'unchanged', ...article.at, code: positional('id: number, message: string') },
    { name: 'new optional parameter', ...article.at, code: positional('id: number, message: string, date?: string') },
    { name: 'new parameter with a default', ...article.at, code: positional("id: number, message: string, date = 'today'") },
    { name: 'new parameter that admits undefined', ...article.at, code: positional('id: number, message: string, date: string | undefined') },
    { name: 'new rest parameter', ...article.at, code: positional('id: number, message: string, ...rest: string[]') },
    { name: 'parameter renamed in place', ...article.at, code: positional('id: number, text: string') },
    {
      name: 'second step: optional in the baseline, passed by every deployed enqueue site',
      ...project('id: number, message: string, date?: string', 'UserConfirmationJob.performLater(1, "hi", "2017-12-24");').at,
      code: positional('id: number, message: string, date: string'),
    },
    {
      name: 'second step: an enqueue site that spreads its arguments cannot be shown to omit it',
      ...project('id: number, message: string, date?: string', 'UserConfirmationJob.performLater(...args);').at,
      code: positional('id: number, message: string, date: string'),
    },
    {
      name: 'second step with no deployed enqueue site',
      ...project('id: number, message: string, date?: string', '').at,
      code: positional('id: number, message: string, date: string'),
    },
    {
      name: 'a job new since the baseline',
      ...article.at,
      code: `${positional('id: number, message: string')}export class ReportJob extends ApplicationJob { perform(id: number) {} }\n`,
    },
    {
      name: 'a class that is not a job',
      ...article.at,
      code: `${positional('id: number, message: string')}export class Mailer { perform(to: string) {} }\n`,
    },
    {
      name: 'an abstract job class',
      ...article.at,
      code: `import { ApplicationJob } from './application-job';\nexport abstract class UserConfirmationJob extends ApplicationJob { perform(id: number, message: string, date: string) {} }\n`,
    },
    { name: 'new optional payload field', ...payloadN.at, code: payloadN.code('id: number; date?: string;') },
    {
      name: 'second step for a payload field sent by every deployed enqueue site',
      ...payload('id: number; date?: string;', "UserConfirmationJob.performLater({ id: 1, date: '2017-12-24' });").at,
      code: payload('id: number; date?: string;').code('id: number; date: string;'),
    },
    {
      name: 'second step for a payload field where the deployed site passes a variable',
      ...payload('id: number; date?: string;', 'UserConfirmationJob.performLater(payload);').at,
      code: payload('id: number; date?: string;').code('id: number; date: string;'),
    },
    {
      name: 'JavaScript: new parameter with a default',
      ...project('id, message', 'UserConfirmationJob.performLater(1, "hi");', { js: true }).at,
      code: positional('id, message, date = undefined'),
    },
    {
      name: 'a file that is not part of any job',
      ...article.at,
      filename: article.at.filename.replace('jobs/user-confirmation-job.ts', 'util.ts'),
      code: 'export const add = (a: number, b: number) => a + b;\n',
    },
  ],
  invalid: [
    {
      name: "the article's change: a new required parameter",
      ...article.at,
      code: positional('id: number, message: string, date: string'),
      output: positional('id: number, message: string, date?: string'),
      errors: [{ messageId: 'newRequiredParam', line: 3, column: 40, endColumn: 52, data: article.data('date') }],
    },
    {
      name: 'a new required parameter before another required one keeps the order compilable',
      ...article.at,
      code: positional('id: number, date: string, message: string'),
      output: positional('id: number, date: string | undefined, message: string'),
      errors: [{ messageId: 'newRequiredParam', data: article.data('date') }],
    },
    {
      name: 'a function type gets parentheses before | undefined',
      ...article.at,
      code: positional('id: number, done: () => void, message: string'),
      output: positional('id: number, done: (() => void) | undefined, message: string'),
      errors: [{ messageId: 'newRequiredParam', data: article.data('done') }],
    },
    {
      name: 'a new required parameter without a type',
      ...article.at,
      code: positional('id: number, message: string, date'),
      output: positional('id: number, message: string, date?'),
      errors: [{ messageId: 'newRequiredParam', data: article.data('date') }],
    },
    {
      name: 'two new required parameters',
      ...article.at,
      code: positional('id: number, message: string, date: string, locale: string'),
      // Each fix is computed alone: `date` still has a required parameter after it, so it takes the form that allows one.
      output: positional('id: number, message: string, date: string | undefined, locale?: string'),
      errors: [
        { messageId: 'newRequiredParam', data: article.data('date') },
        { messageId: 'newRequiredParam', data: article.data('locale') },
      ],
    },
    {
      name: 'JavaScript: the transitional form is a default of undefined',
      ...javascript.at,
      code: positional('id, message, date'),
      output: positional('id, message, date = undefined'),
      errors: [{ messageId: 'newRequiredParam', data: javascript.data('date') }],
    },
    {
      name: 'premature second step: a deployed enqueue site still omits the parameter',
      ...premature.at,
      code: positional('id: number, message: string, date: string'),
      output: positional('id: number, message: string, date?: string'),
      errors: [{ messageId: 'prematureRequiredParam', data: premature.data('date', 'signup.ts:2') }],
    },
    {
      name: 'premature second step: a default removed while a deployed site omits the parameter',
      ...prematureDefault.at,
      code: positional('id: number, message: string, date: string'),
      output: positional('id: number, message: string, date?: string'),
      errors: [{ messageId: 'prematureRequiredParam', data: prematureDefault.data('date', 'signup.ts:2') }],
    },
    {
      name: 'a new required payload field in an interface',
      ...payloadN.at,
      code: payloadN.code('id: number; date: string;'),
      output: payloadN.code('id: number; date?: string;'),
      errors: [{ messageId: 'newRequiredField', line: 2, column: 33, data: payloadN.data('date') }],
    },
    {
      name: 'premature second step for a payload field',
      ...prematureField.at,
      code: prematureField.code('id: number; date: string;'),
      output: prematureField.code('id: number; date?: string;'),
      errors: [{ messageId: 'prematureRequiredField', data: prematureField.data('date', 'signup.ts:2') }],
    },
    {
      name: 'a new required field in an inline payload type',
      ...inline.at,
      code: positional('{ id, date }: { id: number; date: string }'),
      output: positional('{ id, date }: { id: number; date?: string }'),
      errors: [{ messageId: 'newRequiredField', data: inline.data('date') }],
    },
    {
      name: 'JavaScript: a new destructured payload field gets a default of undefined',
      ...javascriptPayload.at,
      code: positional('{ id, date }'),
      output: positional('{ id, date = undefined }'),
      errors: [{ messageId: 'newRequiredField', data: javascriptPayload.data('date') }],
    },
  ],
});
