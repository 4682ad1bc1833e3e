import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll } from 'vitest';
import rule from '../../src/rules/no-incompatible-param-change.js';
import { fixtureProject, removeFixtureProjects } from '../helpers/fixture-project.js';

afterAll(removeFixtureProjects);

const ruleTester = new RuleTester();

const job = (handler: string, extra = '') => `${extra}export class MailJob extends ApplicationJob {\n  perform(${handler}) {}\n}\n`;

function deployed(baselineJob: string) {
  const fixture = fixtureProject({
    baseline: { 'mail-job.ts': baselineJob, 'app.ts': "import { MailJob } from './mail-job';\nMailJob.performLater(1, 'a');\n" },
  });
  return { at: { filename: fixture.file('mail-job.ts'), settings: fixture.settings }, baseline: fixture.baselineLabel };
}

const positional = deployed(job('id: number, to: string'));
const union = deployed(job("id: number, kind: 'a' | 'b'"));
const payload = deployed(job('payload: Payload', 'interface Payload {\n  id: number;\n  to: string;\n}\n'));
const payloadJob = (fields: string) => job('payload: Payload', `interface Payload {\n${fields}}\n`);

ruleTester.run('no-incompatible-param-change', rule, {
  valid: [
    { ...positional.at, code: job('id: number, to: string') },
    { ...positional.at, code: job('id: number, to: string, cc?: string') },
    { ...positional.at, code: job('id: number, recipient: string') },
    { ...positional.at, code: job('id: number | string, to: string') },
    { ...union.at, code: job("id: number, kind: 'b' | 'a' | 'c'") },
    { ...payload.at, code: payloadJob('  id: number;\n  to: string;\n  cc?: string;\n') },
    { ...payload.at, code: payloadJob('  to: string;\n  id: number;\n') },
    // The one parameter's type is no longer read as fields (a union, a package's type): unknown, not a switch to positional arguments.
    { ...payload.at, name: 'a payload typed by a union of two versions', code: job('{ id, to }: MailV1 | MailV2', 'interface MailV1 {\n  id: number;\n  to: string;\n}\ninterface MailV2 {\n  id: string;\n  to: string;\n}\n') },
    { ...payload.at, name: "a payload typed by a package's type", code: job("payload: import('mailer').Mail") },
  ],
  invalid: [
    {
      name: 'a required parameter removed',
      ...positional.at,
      code: job('id: number'),
      errors: [{ messageId: 'removedParam', line: 1, column: 14, data: { job: 'MailJob', param: 'to', newName: '', baseline: positional.baseline } }],
    },
    {
      name: 'parameters swapped',
      ...positional.at,
      code: job('to: string, id: number'),
      errors: [
        { messageId: 'reorderedParam', line: 2, column: 11 },
        { messageId: 'reorderedParam', line: 2, column: 23 },
      ],
    },
    {
      name: 'a narrowed union',
      ...union.at,
      code: job("id: number, kind: 'a'"),
      errors: [
        {
          messageId: 'typeChanged',
          data: { job: 'MailJob', param: 'kind', kind: 'parameter', previousType: "'a'|'b'", currentType: "'a'", example: ' (for example "b")', widened: "'a'|'b'", baseline: union.baseline, drain: '' },
        },
      ],
    },
    {
      name: 'a required payload field removed',
      ...payload.at,
      code: payloadJob('  id: number;\n'),
      errors: [{ messageId: 'removedField', line: 4, data: { job: 'MailJob', param: 'to', newName: '', baseline: payload.baseline } }],
    },
    {
      name: 'a payload field renamed',
      ...payload.at,
      code: payloadJob('  id: number;\n  recipient: string;\n'),
      errors: [{ messageId: 'renamedField', line: 3, data: { job: 'MailJob', param: 'to', newName: 'recipient', baseline: payload.baseline, drain: '' } }],
    },
    {
      name: 'an object payload becomes a plain argument',
      ...payload.at,
      code: job('id: number'),
      errors: [{ messageId: 'payloadStyleChanged' }],
    },
    {
      name: 'positional arguments become an object payload',
      ...positional.at,
      code: job('payload: { id: number; to: string }'),
      errors: [{ messageId: 'payloadStyleChanged' }],
    },
  ],
});
