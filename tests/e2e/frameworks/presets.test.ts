/**
 * Each preset end to end: fixture code that type-checks against the real library, committed
 * as the deployed version in a real git repository, edited, and linted through ESLint with
 * `configs.recommended`. Presets are enabled by the package.json dependencies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterSetting } from '../../../src/adapters/kind.js';
import { DEFAULT_JOB_PATTERN } from '../../../src/adapters/job-pattern.js';
import { CUSTOM_ADAPTERS, packageJson, readFixture } from '../../adapters/frameworks-fixtures.js';
import { buildContracts, type Sources } from '../../helpers/fixture-project.js';
import { TempRepo } from '../../helpers/git-repo.js';
import { lintFiles, type Message } from '../../helpers/lint.js';
import { jobsByName } from '../../helpers/contracts.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

function deploy(sources: Sources): TempRepo {
  const repo = new TempRepo();
  repos.push(repo);
  repo.commit(sources);
  return repo;
}

/** The deployed sources of a preset's fixture, with its package in package.json. */
function fixture(preset: string, dependencies: Record<string, string>): Sources {
  return { 'package.json': packageJson(dependencies), ...readFixture(preset) };
}

/** `sources` with one text replaced in one file (the replacement must happen). */
function edit(sources: Sources, file: string, from: string, to: string): Sources {
  const text = sources[file]!;
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  return { ...sources, [file]: text.replace(from, to) };
}

function remove(sources: Sources, file: string): Sources {
  const { [file]: _removed, ...rest } = sources;
  return rest;
}

const summary = (messages: Message[]) => messages.map((message) => `${message.rule}@${message.file}:${message.line}`);
const ofRule = (messages: Message[], rule: string) => summary(messages.filter((message) => message.rule === `safe-jobs/${rule}`));

interface PresetCase {
  preset: string;
  dependencies: Record<string, string>;
  settings?: Record<string, unknown>;
  /** A new required parameter or payload field, and where it is reported. */
  newRequired: { file: string; from: string; to: string; at: string; fixed: string };
  /** Deleting one job's definition (a text, or the whole file when `from` is absent) and its wire name. */
  deletion: { file: string; from?: string; to?: string; wireName: string };
  /** Renaming one job's wire name at its definition and every enqueue site. */
  rename: { from: string; to: string; edits: Array<[file: string, from: string, to: string]> };
}

const CASES: PresetCase[] = [
  {
    preset: 'node-resque',
    dependencies: { 'node-resque': '9.7.1' },
    newRequired: {
      file: 'src/jobs.ts',
      from: 'perform: async (a: number, b: number) => a + b,',
      to: 'perform: async (a: number, b: number, c: number) => a + b + c,',
      at: 'src/jobs.ts:9',
      fixed: 'perform: async (a: number, b: number, c?: number) => a + b + c,',
    },
    deletion: { file: 'src/jobs.ts', from: "  add: {\n    perform: async (a: number, b: number) => a + b,\n  },\n", to: '', wireName: 'add' },
    rename: { from: 'add', to: 'sum', edits: [['src/jobs.ts', '  add: {', '  sum: {'], ['src/names.ts', "Add = 'add'", "Add = 'sum'"]] },
  },
  {
    preset: 'sidequest',
    dependencies: { sidequest: '1.16.4' },
    newRequired: {
      file: 'src/email-job.ts',
      from: 'async run(to: string, subject: string) {',
      to: 'async run(to: string, subject: string, locale: string) {',
      at: 'src/email-job.ts:4',
      fixed: 'async run(to: string, subject: string, locale?: string) {',
    },
    deletion: {
      file: 'src/email-job.ts',
      from: 'export class ReportJob extends Job {\n  async run(report: { id: number; format?: string }) {\n    return report.id;\n  }\n}\n',
      to: '',
      wireName: 'ReportJob',
    },
    rename: { from: 'EmailJob', to: 'MailJob', edits: [['src/email-job.ts', 'class EmailJob', 'class MailJob'], ['src/enqueue.ts', 'import { EmailJob, ReportJob }', 'import { MailJob as EmailJob, ReportJob }']] },
  },
  {
    preset: 'faktory-worker',
    dependencies: { 'faktory-worker': '4.7.1' },
    newRequired: {
      file: 'src/worker.ts',
      from: "faktory.register('SendEmail', async (to, subject) => {",
      to: "faktory.register('SendEmail', async (to, subject, locale) => {",
      at: 'src/worker.ts:8',
      fixed: "faktory.register('SendEmail', async (to, subject, locale?) => {",
    },
    deletion: { file: 'src/worker.ts', from: "  faktory.register('SendEmail', async (to, subject) => {\n    console.log(String(to), String(subject));\n  });\n", to: '', wireName: 'SendEmail' },
    rename: { from: 'SendEmail', to: 'SendMail', edits: [['src/worker.ts', "register('SendEmail'", "register('SendMail'"], ['src/enqueue.ts', "job('SendEmail'", "job('SendMail'"]] },
  },
  {
    preset: 'agenda',
    dependencies: { agenda: '6.2.6' },
    newRequired: { file: 'src/jobs.ts', from: '  subject: string;\n', to: '  subject: string;\n  locale: string;\n', at: 'src/jobs.ts:6', fixed: '  locale?: string;\n' },
    deletion: { file: 'src/jobs.ts', from: "  agenda.define(CLEANUP, async (job: Job<{ days: number; dryRun?: boolean }>) => {\n    console.log(job.attrs.data.days);\n  });\n", to: '', wireName: 'cleanup' },
    rename: { from: 'send email', to: 'send mail', edits: [['src/jobs.ts', "define<SendEmailData>('send email'", "define<SendEmailData>('send mail'"], ['src/enqueue.ts', "now<SendEmailData>('send email'", "now<SendEmailData>('send mail'"]] },
  },
  {
    preset: 'app-task',
    dependencies: { bullmq: '6.7.0' },
    newRequired: { file: 'src/cleanup-task.ts', from: '  limit: number;\n', to: '  limit: number;\n  region: string;\n', at: 'src/cleanup-task.ts:5', fixed: '  region?: string;\n' },
    deletion: { file: 'src/cleanup-task.ts', wireName: 'CleanupTask' },
    rename: { from: 'CleanupTask', to: 'PurgeTask', edits: [['src/cleanup-task.ts', 'class CleanupTask', 'class PurgeTask']] },
  },
  {
    preset: 'custom',
    dependencies: { bullmq: '6.7.0' },
    settings: { adapters: CUSTOM_ADAPTERS },
    newRequired: {
      file: 'src/registry.ts',
      from: 'async (payload: { invoiceId: number; copyTo?: string })',
      to: 'async (payload: { invoiceId: number; copyTo?: string; currency: string })',
      at: 'src/registry.ts:19',
      fixed: 'currency?: string',
    },
    deletion: { file: 'src/registry.ts', from: "registry.register('invoice.send',", to: "registry.register(`invoice.${'send'}`,", wireName: 'invoice.send' },
    rename: { from: 'digest.send', to: 'digest.deliver', edits: [['src/send-digest.ts', "name: 'digest.send'", "name: 'digest.deliver'"]] },
  },
];

describe.each(CASES)('the $preset preset through ESLint', ({ preset, dependencies, settings, newRequired, deletion, rename }) => {
  const deployed = fixture(preset, dependencies);

  it('is silent on the deployed code', async () => {
    const repo = deploy(deployed);
    expect(await lintFiles(repo.dir, ['.'], { settings })).toEqual([]);
  });

  it('reports a new required parameter or payload field on it, and fixes it to the optional form', async () => {
    const repo = deploy(deployed);
    repo.write(edit(deployed, newRequired.file, newRequired.from, newRequired.to));
    const messages = await lintFiles(repo.dir, ['.'], { settings });
    expect(ofRule(messages, 'no-new-required-param')).toEqual([`safe-jobs/no-new-required-param@${newRequired.at}`]);
    await lintFiles(repo.dir, ['.'], { settings, fix: true });
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(repo.path(newRequired.file), 'utf8')).toContain(newRequired.fixed);
    expect(ofRule(await lintFiles(repo.dir, ['.'], { settings }), 'no-new-required-param')).toEqual([]);
  });

  it('drops a deleted job from the contracts and keeps the enqueue sites that still name it', async () => {
    const current = deletion.from === undefined ? remove(deployed, deletion.file) : edit(deployed, deletion.file, deletion.from, deletion.to ?? '');
    const pattern = settings ? { ...DEFAULT_JOB_PATTERN, adapters: settings.adapters as AdapterSetting[] } : DEFAULT_JOB_PATTERN;
    const before = buildContracts(deployed, pattern);
    const after = buildContracts(current, pattern);
    expect(jobsByName(before).has(deletion.wireName)).toBe(true);
    expect(jobsByName(after).has(deletion.wireName)).toBe(false);
    const sitesOf = (set: typeof after) => set.sites.filter((site) => site.wireName === deletion.wireName).map((site) => site.location);
    expect(sitesOf(after).length).toBeGreaterThan(0);
    expect(sitesOf(after)).toEqual(sitesOf(before));
    // Through ESLint: the deployed enqueuers still send it.
    const repo = deploy(deployed);
    repo.write({ ...current, ...(deletion.from === undefined ? { [deletion.file]: null } : {}) });
    const messages = await lintFiles(repo.dir, ['.'], { settings });
    expect(ofRule(messages, 'no-deleted-enqueued-job').length).toBeGreaterThan(0);
  });

  it('sees a renamed wire name as the old job deleted and a new one enqueued', async () => {
    const current = rename.edits.reduce((sources, [file, from, to]) => edit(sources, file, from, to), deployed);
    const pattern = settings ? { ...DEFAULT_JOB_PATTERN, adapters: settings.adapters as AdapterSetting[] } : DEFAULT_JOB_PATTERN;
    const before = buildContracts(deployed, pattern);
    const after = buildContracts(current, pattern);
    expect([jobsByName(before).has(rename.from), jobsByName(before).has(rename.to)]).toEqual([true, false]);
    expect([jobsByName(after).has(rename.from), jobsByName(after).has(rename.to)]).toEqual([false, true]);
    expect(jobsByName(after).get(rename.to)!.adapter).toBe(jobsByName(before).get(rename.from)!.adapter);
    const names = (set: typeof after) => set.sites.map((site) => site.wireName);
    expect(names(after).filter((name) => name === rename.to).length).toBe(names(before).filter((name) => name === rename.from).length);
    const repo = deploy(deployed);
    repo.write(current);
    const messages = await lintFiles(repo.dir, ['.'], { settings });
    // Reported as a rename where the handler is recognized, else as a deletion.
    expect([...ofRule(messages, 'no-rename-without-alias'), ...ofRule(messages, 'no-deleted-enqueued-job')].length).toBeGreaterThan(0);
  });
});

describe('two presets in one project', () => {
  it('reads Agenda and node-resque jobs side by side and reports each', async () => {
    const deployed: Sources = {
      'package.json': packageJson({ agenda: '6.2.6', 'node-resque': '9.7.1' }),
      ...readFixture('agenda', 'src/mail'),
      ...readFixture('node-resque', 'src/math'),
    };
    const set = buildContracts(deployed);
    expect([...set.jobs.values()].map((job) => `${job.adapter}:${job.wireName}`).sort()).toEqual([
      'agenda:cleanup',
      'agenda:send email',
      'node-resque:add',
      'node-resque:multiply',
      'node-resque:subtract',
    ]);
    expect(new Set(set.sites.map((site) => site.adapter))).toEqual(new Set(['agenda', 'node-resque']));
    const repo = deploy(deployed);
    let current = edit(deployed, 'src/mail/jobs.ts', '  subject: string;\n', '  subject: string;\n  locale: string;\n');
    current = edit(current, 'src/math/jobs.ts', 'perform: async (a: number, b: number) => a + b,', 'perform: async (a: number, b: number, c: number) => a + b + c,');
    repo.write(current);
    expect(ofRule(await lintFiles(repo.dir), 'no-new-required-param')).toEqual([
      'safe-jobs/no-new-required-param@src/mail/jobs.ts:6',
      'safe-jobs/no-new-required-param@src/math/jobs.ts:9',
    ]);
  });
});

describe('dynamic job names', () => {
  it('never produce a finding, whatever the jobs do', async () => {
    const jobs = (fields: string) =>
      `import type { Agenda, Job } from 'agenda';\n\nexport function define(agenda: Agenda) {\n  agenda.define('send', async (job: Job<{ ${fields} }>) => {\n    console.log(job.attrs.data);\n  });\n}\n`;
    const enqueue = (kind: string) =>
      `import type { Agenda } from 'agenda';\n\nexport async function run(agenda: Agenda, kind: string) {\n  await agenda.now(${kind}, {});\n  await agenda.schedule('tomorrow', \`\${kind}-later\`, {});\n}\n`;
    const repo = deploy({ 'package.json': packageJson({ agenda: '6.2.6' }), 'src/jobs.ts': jobs('to: string'), 'src/enqueue.ts': enqueue('kind') });
    // A new required field, a dynamic enqueue without it, and a dynamic name no job handles.
    repo.write({ 'src/jobs.ts': jobs('to?: string'), 'src/enqueue.ts': enqueue("kind + '!'") });
    expect(await lintFiles(repo.dir)).toEqual([]);
    repo.write({ 'src/jobs.ts': null });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });
});

describe('JavaScript files', () => {
  it('read through ESLint\'s default parser: node-resque jobs and a new required parameter fixed with a default', async () => {
    const jobs = (params: string) => `export const jobs = {\n  add: {\n    perform: async (${params}) => a + b,\n  },\n};\n`;
    const worker = "import { Worker } from 'node-resque';\nimport { jobs } from './jobs.js';\n\nexport const worker = new Worker({ queues: ['math'] }, jobs);\n";
    const enqueue = "export async function run(queue) {\n  await queue.enqueue('math', 'add', [1, 2]);\n}\n";
    const repo = deploy({ 'package.json': packageJson({ 'node-resque': '9.7.1' }), 'src/jobs.js': jobs('a, b'), 'src/worker.js': worker, 'src/enqueue.js': enqueue });
    repo.write({ 'src/jobs.js': jobs('a, b, c') });
    expect(ofRule(await lintFiles(repo.dir), 'no-new-required-param')).toEqual(['safe-jobs/no-new-required-param@src/jobs.js:3']);
    await lintFiles(repo.dir, ['.'], { fix: true });
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(repo.path('src/jobs.js'), 'utf8')).toContain('perform: async (a, b, c = undefined) => a + b,');
  });
});
