import { describe, expect, it } from 'vitest';
import { buildContracts } from '../helpers/fixture-project.js';
import { packageJson } from './frameworks-fixtures.js';
import { jobsByName } from '../helpers/contracts.js';

const PACKAGE = packageJson({ agenda: '6.2.6', 'node-resque': '9.7.1', 'faktory-worker': '4.7.1' });

describe('names of string-named jobs', () => {
  it('resolve from literals, templates without expressions, consts, string enums, as-const objects, Object.freeze, aliases and X.name across files', () => {
    const set = buildContracts({
      'package.json': PACKAGE,
      'src/names.ts': [
        "export const SEND = 'send';",
        'export const ALIAS = SEND;',
        "export enum Jobs { Resize = 'resize', Count = 3 }",
        "export const JOBS = { mail: { digest: 'mail.digest' } } as const;",
        "export const FROZEN = Object.freeze({ purge: 'purge' });",
        'export class ExportJob {}',
        '',
      ].join('\n'),
      'src/enqueue.ts': [
        "import { ALIAS, ExportJob, FROZEN, JOBS, Jobs, SEND } from './names.js';",
        "import * as names from './names.js';",
        "import { RemovedJob } from './removed.js';",
        "agenda.now('literal');",
        'agenda.now(`template`);',
        'agenda.now(SEND);',
        'agenda.now(ALIAS);',
        'agenda.now(Jobs.Resize);',
        'agenda.now(JOBS.mail.digest);',
        "agenda.now(JOBS['mail']['digest']);",
        'agenda.now(FROZEN.purge);',
        'agenda.now(ExportJob.name);',
        'agenda.now(names.SEND);',
        'agenda.now(RemovedJob.name);',
        "agenda.schedule('tomorrow', [SEND, 'other']);",
        '',
      ].join('\n'),
      'src/removed.ts': 'export const unrelated = 1;\n',
    });
    expect(set.sites.map((site) => site.wireName)).toEqual([
      'literal',
      'template',
      'send',
      'send',
      'resize',
      'mail.digest',
      'mail.digest',
      'purge',
      'ExportJob',
      'send',
      'RemovedJob',
      'send',
      'other',
    ]);
    expect(new Set(set.sites.map((site) => site.nameSource))).toEqual(new Set(['string']));
  });

  it('are dynamic, and make no site and no job, when written any other way', () => {
    const set = buildContracts({
      'package.json': PACKAGE,
      'src/lib.ts': "export let mutable = 'x';\nexport const config = { name: 'not frozen' };\nexport function pick(): string { return 'y'; }\n",
      'src/dynamic.ts': [
        "import { config, mutable, pick } from './lib.js';",
        "import { unknown } from 'some-package';",
        "let local = 'a';",
        'export async function run(name: string, job: { name: string }) {',
        '  agenda.now(name);',
        '  agenda.now(`send-${name}`);',
        "  agenda.now('send-' + name);",
        '  agenda.now(local);',
        '  agenda.now(mutable);',
        '  agenda.now(config.name);',
        '  agenda.now(pick());',
        '  agenda.now(job.name);',
        '  agenda.now(unknown);',
        '  agenda.now(Missing.name);',
        "  agenda.now(name ? 'a' : 'b');",
        "  agenda.schedule('tomorrow', [name, job.name]);",
        "  await queue.enqueue('q', name, [1]);",
        '  await client.job(name, 1).push();',
        '  agenda.define(name, async () => {});',
        '  faktory.register(`x-${name}`, async () => {});',
        '  agenda.now();',
        '}',
        '',
      ].join('\n'),
    });
    expect(set.sites).toEqual([]);
    expect([...jobsByName(set).keys()]).toEqual([]);
  });

  it('never make a site of a call on a job class that has an enqueue-method name', () => {
    const set = buildContracts({
      'package.json': PACKAGE,
      'src/job.ts': "export class ReportJob extends ApplicationJob { perform(when: string, name: string) {} }\nReportJob.schedule('now', 'weekly');\n",
    });
    expect(set.sites.map((site) => [site.wireName, site.nameSource])).toEqual([['ReportJob', 'class']]);
  });
});

describe('registry maps', () => {
  it('read a namespace import given as the map, and locate each job at its handler', () => {
    const set = buildContracts({
      'package.json': PACKAGE,
      'src/jobs.ts': 'export const add = { perform: async (a: number, b: number) => a + b };\nexport const twice = { perform: double };\nasync function double(n: number) { return 2 * n; }\n',
      'src/worker.ts': "import { Worker } from 'node-resque';\nimport * as jobs from './jobs.js';\nnew Worker({ queues: ['math'] }, jobs);\n",
    });
    expect([...jobsByName(set).keys()]).toEqual(['add', 'twice']);
    expect(jobsByName(set).get('twice')).toMatchObject({ location: { file: 'src/jobs.ts', span: { start: { line: 3 } } }, params: [{ name: 'n' }] });
  });

  it('leave a call taken as a class enqueue out of the string sites', () => {
    const set = buildContracts({
      'package.json': packageJson({ agenda: '6.2.6', sidequest: '1.16.4' }),
      'src/job.ts': "import { Job, Sidequest } from 'sidequest';\nexport class MailJob extends Job { run(to: string) {} }\nSidequest.build(MailJob).schedule('0 * * * *', 'a@b.c');\n",
    });
    expect(set.sites.map((site) => [site.wireName, site.nameSource])).toEqual([['MailJob', 'class']]);
  });
});

describe('names that are members of every object', () => {
  it('are read as the code\'s own names, never as Object.prototype\'s: no crash, and the jobs and sites they name', () => {
    const set = buildContracts({
      'package.json': packageJson({ bullmq: '6.7.0', agenda: '6.2.6' }),
      'src/application-job.ts': 'export class ApplicationJob {}\n',
      'src/names.ts': ["export const __proto__ = 'proto-job';", "export const hasOwnProperty = 'own-job';", ''].join('\n'),
      'src/mail-job.ts': [
        "import { ApplicationJob } from './application-job';",
        "import { __proto__, hasOwnProperty } from './names';",
        'export class MailJob extends ApplicationJob {',
        '  static queue = valueOf;',
        '  perform(id: number) {}',
        '}',
        'constructor.performLater(1);',
        'toString.performLater(2);',
        'MailJob.set({ queue: constructor }).performLater(3);',
        "const q = new Queue('email');",
        'q.add(constructor, {});',
        'agenda.now(toString);',
        'agenda.now(__proto__);',
        'agenda.now(hasOwnProperty);',
        "agenda.define('own-job', async (job: Job<{ id: number }>) => {});",
        "agenda.define('proto-job', async (job: Job<{ id: number }>) => {});",
        '',
      ].join('\n'),
    });
    expect([...jobsByName(set).keys()].sort()).toEqual(['MailJob', 'own-job', 'proto-job']);
    expect(jobsByName(set).get('MailJob')).not.toHaveProperty('queue');
    expect(set.sites.map((site) => site.wireName).sort()).toEqual(['MailJob', 'own-job', 'proto-job']);
  });
});
