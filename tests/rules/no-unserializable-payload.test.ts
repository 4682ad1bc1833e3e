import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll } from 'vitest';
import rule from '../../src/rules/no-unserializable-payload.js';
import { fixtureProject, removeFixtureProjects } from '../helpers/fixture-project.js';

afterAll(removeFixtureProjects);

const ruleTester = new RuleTester();

const PACKAGE = JSON.stringify({ name: 'fixture', private: true, dependencies: { bullmq: '5.0.0', agenda: '6.2.6' } });

/** Job files on disk that the enqueue sites of the linted files deliver to. */
const fixture = fixtureProject({
  baseline: {},
  current: {
    'package.json': PACKAGE,
    'mail-job.js': 'export class MailJob extends ApplicationJob {\n  perform(id, sendAt) {\n    return sendAt.getTime();\n  }\n}\n',
    'typed-job.ts': 'export class TypedJob extends ApplicationJob {\n  perform(id: number, at: string) {}\n}\n',
    'any-job.ts': 'export class AnyJob extends ApplicationJob {\n  perform({ at, meta }: { at: any; meta: Record<string, unknown> }) {\n    return at.toISOString();\n  }\n}\n',
    'agenda-jobs.ts': "agenda.define('remind', async (job: Job<{ at: Date }>) => {});\n",
  },
});
/** An Inngest app whose event's data is a zod schema, linted in `client.ts`. */
const events = fixtureProject({
  baseline: {},
  current: {
    'package.json': JSON.stringify({ name: 'shop', private: true, dependencies: { inngest: '3.40.0', zod: '3.25.0' } }),
    'functions.ts': "import { inngest, reminderDue } from './client';\nexport const remind = inngest.createFunction({ id: 'remind', triggers: [{ event: reminderDue }] }, async ({ event }) => {});\n",
  },
});
const client = { filename: events.file('client.ts'), settings: events.settings };
const clientHead = "import { eventType, Inngest } from 'inngest';\nimport { z } from 'zod';\nexport const inngest = new Inngest({ id: 'shop' });\n";

const ts = { filename: fixture.file('jobs.ts'), settings: fixture.settings };
const js = { filename: fixture.file('app.js'), settings: fixture.settings };
const bullmq = { filename: fixture.file('worker.ts'), settings: fixture.settings };
const agenda = { filename: fixture.file('agenda.ts'), settings: fixture.settings };

ruleTester.run('no-unserializable-payload', rule, {
  valid: [
    { ...client, name: 'z.coerce.date() turns the string back into a Date', code: `${clientHead}export const reminderDue = eventType('app/reminder.due', {\n  schema: z.object({ dueAt: z.coerce.date() }),\n});\n` },
    { ...ts, name: 'a Date the handler parses or passes on, never calling a Date method on it', code: 'export class ReportJob extends ApplicationJob {\n  perform(at: Date, since: Date) {\n    const when = new Date(at);\n    return save({ when, since });\n  }\n}\n' },
    { ...ts, name: 'JSON-native types', code: 'export class ReportJob extends ApplicationJob {\n  perform(id: number, at: string, tags: string[], meta: Record<string, unknown>) {}\n}\n' },
    { ...ts, name: 'a union that admits the string that arrives', code: 'export class ReportJob extends ApplicationJob {\n  perform(at: Date | string) {}\n}\n' },
    { ...ts, name: 'a type the plugin cannot evaluate is unknown', code: "import type { Window } from 'somewhere';\nexport class ReportJob extends ApplicationJob {\n  perform(window: Window) {}\n}\n" },
    { ...ts, name: 'allowed by the options (a superjson layer)', options: [{ allow: ['Date'] }], code: 'export class ReportJob extends ApplicationJob {\n  perform(at: Date) {}\n}\n' },
    { ...agenda, name: 'BSON keeps a Date', code: "agenda.define('digest', async (job: Job<{ since: Date; pattern: RegExp }>) => {});\n" },
    { ...js, name: 'a Date where the type checker sees the type', code: "import { TypedJob } from './typed-job';\nTypedJob.performLater(1, new Date().toISOString());\n" },
    { ...ts, name: 'a TypeScript call to a typed member: the type checker sees it', code: "import { TypedJob } from './typed-job';\nTypedJob.performLater(1, 'x');\n" },
    { ...agenda, name: 'a Date sent to a BSON queue', code: "await agenda.now('remind', { at: new Date() });\n" },
    {
      ...bullmq,
      name: 'the queue encodes with a serializer of its own',
      settings: { 'safe-jobs': { ...fixture.settings['safe-jobs'], adapters: [{ type: 'queue-worker', name: 'superjson-queue', extends: 'bullmq', serialization: 'custom' }] } },
      code: "import { Worker, type Job } from 'bullmq';\nnew Worker('mail', async (job: Job<{ at: Date }>) => {});\n",
    },
  ],
  invalid: [
    {
      ...ts,
      name: 'a Date parameter of a class job, with the suggestion to type it as the string that arrives',
      code: 'export class ReportJob extends ApplicationJob {\n  perform(id: number, at: Date | null) {\n    return at?.getTime();\n  }\n}\n',
      errors: [
        {
          messageId: 'lostMember',
          line: 2,
          column: 23,
          data: { job: 'ReportJob', kind: 'parameter', member: 'at', type: 'Date', arrives: 'an ISO date string', encoding: 'JSON', use: ' Then `at.getTime()` in the handler throws.' },
          suggestions: [{ messageId: 'typeAsString', data: { member: 'at' }, output: 'export class ReportJob extends ApplicationJob {\n  perform(id: number, at: string | null) {\n    return at?.getTime();\n  }\n}\n' }],
        },
      ],
    },
    {
      ...ts,
      name: 'a Date nested in a payload field, with every Date reported',
      options: [{ dates: 'all' }],
      code: 'export class ReportJob extends ApplicationJob {\n  perform({ window }: { window: { from: Date; to: Date } }) {}\n}\n',
      errors: [
        {
          messageId: 'lostMember',
          data: { job: 'ReportJob', kind: 'payload field', member: 'window.from', type: 'Date', arrives: 'an ISO date string', encoding: 'JSON', use: '' },
          suggestions: [{ messageId: 'typeAsString', output: 'export class ReportJob extends ApplicationJob {\n  perform({ window }: { window: { from: string; to: string } }) {}\n}\n' }],
        },
      ],
    },
    {
      ...ts,
      name: 'a Map, a bigint and a function',
      code: 'export class ReportJob extends ApplicationJob {\n  perform(counts: Map<string, number>, total: bigint, done: () => void) {}\n}\n',
      errors: [
        { messageId: 'lostMember', line: 2, column: 11, data: { job: 'ReportJob', kind: 'parameter', member: 'counts', type: 'Map', arrives: 'an empty object `{}`', encoding: 'JSON', use: '' }, suggestions: [] },
        { messageId: 'unencodableMember', line: 2, column: 40, data: { job: 'ReportJob', kind: 'parameter', member: 'total', type: 'bigint', arrives: 'nothing: JSON.stringify throws, so the enqueue fails', encoding: 'JSON', use: '' }, suggestions: [] },
        { messageId: 'lostMember', line: 2, column: 55, data: { job: 'ReportJob', kind: 'parameter', member: 'done', type: 'a function', arrives: 'nothing: the member is left out', encoding: 'JSON', use: '' }, suggestions: [] },
      ],
    },
    {
      ...ts,
      name: 'only the type the options do not allow',
      options: [{ allow: ['Date'] }],
      code: 'export class ReportJob extends ApplicationJob {\n  perform(at: Date, seen: Set<string>) {}\n}\n',
      errors: [{ messageId: 'lostMember', data: { job: 'ReportJob', kind: 'parameter', member: 'seen', type: 'Set', arrives: 'an empty object `{}`', encoding: 'JSON', use: '' } }],
    },
    {
      ...bullmq,
      name: "a BullMQ worker's payload type, in the job's own file",
      code: "import { Worker, type Job } from 'bullmq';\ninterface Reminder {\n  userId: number;\n  sendAt: Date;\n}\nnew Worker('mail', async (job: Job<Reminder>) => job.data.sendAt.getTime());\n",
      errors: [
        {
          messageId: 'lostMember',
          line: 4,
          data: { job: 'mail', kind: 'payload field', member: 'sendAt', type: 'Date', arrives: 'an ISO date string', encoding: 'JSON', use: ' Then `job.data.sendAt.getTime()` in the handler throws.' },
          suggestions: [{ messageId: 'typeAsString', output: "import { Worker, type Job } from 'bullmq';\ninterface Reminder {\n  userId: number;\n  sendAt: string;\n}\nnew Worker('mail', async (job: Job<Reminder>) => job.data.sendAt.getTime());\n" }],
        },
      ],
    },
    {
      ...client,
      name: "a zod schema's z.date(), with the suggestion of z.coerce.date()",
      options: [{ dates: 'all' }],
      code: `${clientHead}export const reminderDue = eventType('app/reminder.due', {\n  schema: z.object({ userId: z.string(), dueAt: z.date().optional() }),\n});\n`,
      errors: [
        {
          messageId: 'lostMember',
          line: 5,
          data: { job: 'app/reminder.due', kind: 'payload field', member: 'dueAt', type: 'Date', arrives: 'an ISO date string', encoding: 'JSON', use: '' },
          suggestions: [{ messageId: 'coerceDate', output: `${clientHead}export const reminderDue = eventType('app/reminder.due', {\n  schema: z.object({ userId: z.string(), dueAt: z.coerce.date().optional() }),\n});\n` }],
        },
      ],
    },
    {
      ...bullmq,
      name: 'an adapter that extends a preset keeps its encoding',
      options: [{ dates: 'all' }],
      settings: { 'safe-jobs': { ...fixture.settings['safe-jobs'], adapters: [{ type: 'queue-worker', name: 'own-queue', extends: 'bullmq' }] } },
      code: "import { Worker, type Job } from 'bullmq';\nnew Worker('mail', async (job: Job<{ at: Date }>) => {});\n",
      errors: [
        {
          messageId: 'lostMember',
          data: { job: 'mail', kind: 'payload field', member: 'at', type: 'Date', arrives: 'an ISO date string', encoding: 'JSON', use: '' },
          suggestions: [{ messageId: 'typeAsString', output: "import { Worker, type Job } from 'bullmq';\nnew Worker('mail', async (job: Job<{ at: string }>) => {});\n" }],
        },
      ],
    },
    {
      ...agenda,
      name: 'BSON: a Map still arrives as a plain object',
      code: "agenda.define('digest', async (job: Job<{ counts: Map<string, number> }>) => {});\n",
      errors: [{ messageId: 'lostMember', data: { job: 'digest', kind: 'payload field', member: 'counts', type: 'Map', arrives: 'a plain object (no `get`, no `has`)', encoding: 'BSON', use: '' } }],
    },
    {
      ...js,
      name: 'a Date passed from JavaScript, with the conversion as a suggestion',
      code: "import { MailJob } from './mail-job';\nMailJob.performLater(1, new Date());\n",
      errors: [
        {
          messageId: 'lostValue',
          line: 2,
          column: 25,
          data: { job: 'MailJob', member: 'sendAt', type: 'a Date', arrives: 'an ISO date string', encoding: 'JSON', use: ' Then `sendAt.getTime()` in the handler throws.' },
          suggestions: [{ messageId: 'convertValue', data: { converted: 'new Date().toISOString()' }, output: "import { MailJob } from './mail-job';\nMailJob.performLater(1, new Date().toISOString());\n" }],
        },
      ],
    },
    {
      ...ts,
      name: 'values passed to members typed any or unknown',
      code: "import { AnyJob } from './any-job';\nAnyJob.performLater({ at: new Date(), meta: { seen: new Set(ids), total: 10n } });\n",
      errors: [
        { messageId: 'lostValue', column: 27, data: { job: 'AnyJob', member: 'at', type: 'a Date', arrives: 'an ISO date string', encoding: 'JSON', use: ' Then `at.toISOString()` in the handler throws.' }, suggestions: [{ messageId: 'convertValue', output: "import { AnyJob } from './any-job';\nAnyJob.performLater({ at: new Date().toISOString(), meta: { seen: new Set(ids), total: 10n } });\n" }] },
        { messageId: 'lostValue', data: { job: 'AnyJob', member: 'meta.seen', type: 'a Set', arrives: 'an empty object `{}`', encoding: 'JSON', use: '' }, suggestions: [{ messageId: 'convertValue', output: "import { AnyJob } from './any-job';\nAnyJob.performLater({ at: new Date(), meta: { seen: [...new Set(ids)], total: 10n } });\n" }] },
        { messageId: 'unencodableValue', data: { job: 'AnyJob', member: 'meta.total', type: 'a bigint', arrives: 'nothing: JSON.stringify throws, so the enqueue fails', encoding: 'JSON', use: '' }, suggestions: [{ messageId: 'convertValue', output: "import { AnyJob } from './any-job';\nAnyJob.performLater({ at: new Date(), meta: { seen: new Set(ids), total: String(10n) } });\n" }] },
      ],
    },
  ],
});
