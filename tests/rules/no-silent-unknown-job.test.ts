import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll } from 'vitest';
import rule from '../../src/rules/no-silent-unknown-job.js';
import { fixtureProject, removeFixtureProjects } from '../helpers/fixture-project.js';

afterAll(removeFixtureProjects);

const ruleTester = new RuleTester();

const fixture = fixtureProject({
  baseline: {},
  current: { 'handlers.ts': "export const handlers = {\n  welcome: async (data: { id: number }) => data.id,\n  reset: async (data: { id: number }) => data.id,\n};\n" },
  pattern: { frameworks: ['bullmq'] },
});
const at = { filename: fixture.file('worker.ts'), settings: fixture.settings };
const header = "import { Worker, type Job } from 'bullmq';\nimport { handlers } from './handlers';\n";
const worker = (body: string, params = 'job: Job') => `${header}new Worker('email', async (${params}) => {\n${body}\n});\n`;

ruleTester.run('no-silent-unknown-job', rule, {
  valid: [
    { ...at, name: 'a switch with a throwing default', code: worker("  switch (job.name) {\n    case 'welcome': return 1;\n    default: throw new Error(`Unknown job ${job.name}`);\n  }") },
    { ...at, name: 'a throw after the switch', code: worker("  switch (job.name) {\n    case 'welcome': return 1;\n    case 'reset': return 2;\n  }\n  throw new Error(job.name);") },
    { ...at, name: 'a default that fails the job through a helper', code: `function assertNever(x: never): never { throw new Error(x); }\n${worker("  switch (job.name) {\n    case 'welcome': return 1;\n    default: return assertNever(job.name as never);\n  }")}` },
    { ...at, name: 'a default inside a try block that rejects', code: worker("  try {\n    switch (job.name) {\n      case 'welcome': return 1;\n      default: return Promise.reject(new Error('unknown'));\n    }\n  } finally {\n    console.log('done');\n  }") },
    { ...at, name: 'an if chain ending in else throw', code: worker("  if (job.name === 'welcome') return 1;\n  else if (job.name === 'reset') return 2;\n  else throw new Error(job.name);") },
    { ...at, name: 'if statements one after the other before a throw', code: worker("  if (job.name === 'welcome') { return 1; }\n  if (job.name === 'reset') { return 2; }\n  throw new Error(job.name);") },
    { ...at, name: 'a lookup guarded by a throw', code: worker("  const handler = handlers[job.name as keyof typeof handlers];\n  if (!handler) throw new Error(job.name);\n  return handler(job.data);") },
    { ...at, name: 'a lookup called directly fails with a TypeError', code: worker('  return handlers[job.name as keyof typeof handlers](job.data);') },
    { ...at, name: 'a default handing the job to another processor', code: `declare function legacy(job: Job): Promise<unknown>;\n${worker("  switch (job.name) {\n    case 'welcome': return 1;\n    default: return legacy(job);\n  }")}` },
    { ...at, name: 'a processor that takes every job alike', code: worker('  return job.data.id;') },
    { ...at, name: 'a dispatch on something else', code: worker("  switch (job.data.kind) {\n    case 'a': return 1;\n  }") },
    // Names tested in a way this reading cannot follow: which names are handled is unknown, so nothing is said about the others.
    { ...at, name: 'a list test before a readable one', code: worker("  if (ALLOWED.includes(job.name)) { return 1; }\n  if (job.name === 'schedule') { return 2; }", 'job: Job') .replace('new Worker', 'const ALLOWED = [\'retry\'];\nnew Worker') },
    { ...at, name: 'a list test after a readable one', code: worker("  if (job.name === 'welcome') return 1;\n  if (job.name.startsWith('legacy-')) return 2;") },
    { ...at, name: 'an else branch that tests the name again', code: worker("  switch (job.name) {\n    case 'welcome': return 1;\n    default:\n      if (job.name.endsWith(':v2')) return 2;\n      return undefined;\n  }") },
    { ...at, name: 'a switch on true over the name', code: worker("  switch (true) {\n    case job.name.startsWith('a'): return 1;\n  }\n  if (job.name === 'welcome') return 2;") },
    { ...at, name: 'not a BullMQ project', settings: { 'safe-jobs': { ...fixture.settings['safe-jobs'], frameworks: ['activejob'] } }, code: worker("  switch (job.name) {\n    case 'welcome': return 1;\n  }") },
  ],
  invalid: [
    {
      ...at,
      name: 'a switch without default',
      code: worker("  switch (job.name) {\n    case 'welcome':\n      return 1;\n    case 'reset':\n      return 2;\n  }"),
      errors: [{ messageId: 'silentSwitch', line: 4, column: 3, data: { processor: "The processor of queue 'email'", names: "'welcome', 'reset'" } }],
    },
    {
      ...at,
      name: 'a default that logs and breaks',
      code: worker("  switch (job.name) {\n    case 'welcome':\n      return 1;\n    default:\n      console.warn('unknown job', job.name);\n      break;\n  }\n  return null;"),
      errors: [{ messageId: 'silentSwitch', line: 4 }],
    },
    {
      ...at,
      name: 'destructured name',
      code: worker("  switch (name) {\n    case 'welcome': return 1;\n    default: return undefined;\n  }", '{ name }: Job'),
      errors: [{ messageId: 'silentSwitch', line: 4 }],
    },
    {
      ...at,
      name: 'an if chain without a final throw',
      code: worker("  if (job.name === 'welcome') return 1;\n  else if (job.name === 'reset') return 2;"),
      errors: [{ messageId: 'silentIf', line: 4, data: { processor: "The processor of queue 'email'", names: "'welcome', 'reset'" } }],
    },
    {
      ...at,
      name: 'a lookup skipped when missing',
      code: worker("  const handler = handlers[job.name as keyof typeof handlers];\n  if (!handler) return;\n  return handler(job.data);"),
      errors: [{ messageId: 'silentMap', line: 4, data: { processor: "The processor of queue 'email'", names: "'welcome', 'reset'" } }],
    },
    {
      ...at,
      name: 'an optional call of the lookup',
      code: worker('  await handlers[job.name as keyof typeof handlers]?.(job.data);'),
      errors: [{ messageId: 'silentMap', line: 4 }],
    },
    {
      ...at,
      name: 'a NestJS WorkerHost',
      code: "import { Processor, WorkerHost } from '@nestjs/bullmq';\nimport type { Job } from 'bullmq';\n@Processor('mail')\nexport class MailProcessor extends WorkerHost {\n  async process(job: Job) {\n    switch (job.name) {\n      case 'welcome': return 1;\n    }\n    return undefined;\n  }\n}\n",
      errors: [{ messageId: 'silentSwitch', line: 6, data: { processor: "The processor of queue 'mail'", names: "'welcome'" } }],
    },
  ],
});
