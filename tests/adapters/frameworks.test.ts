import { describe, expect, it } from 'vitest';
import { DEFAULT_JOB_PATTERN, type JobPattern } from '../../src/adapters/job-pattern.js';
import type { ContractSet, JobContract } from '../../src/model/contract.js';
import { buildContracts } from '../helpers/fixture-project.js';
import { CUSTOM_ADAPTERS, packageJson, readFixture } from './frameworks-fixtures.js';
import { jobsByName } from '../helpers/contracts.js';

function build(preset: string, dependencies: Record<string, string>, pattern: JobPattern = DEFAULT_JOB_PATTERN): ContractSet {
  return buildContracts({ 'package.json': packageJson(dependencies), ...readFixture(preset) }, pattern);
}

function signature(job: JobContract | undefined): unknown {
  if (!job) return undefined;
  const members = job.style === 'payload' ? job.fields : job.params;
  return { style: job.style, members: members.map((member) => `${member.name}${member.optionality === 'required' ? '' : '?'}`) };
}

function sites(set: ContractSet): unknown[] {
  return set.sites.map((site) => ({
    wireName: site.wireName,
    nameSource: site.nameSource,
    adapter: site.adapter,
    queue: site.queue,
    file: site.location.file,
    line: site.location.span.start.line,
    count: site.args.count,
    keys: site.args.objectKeys,
  }));
}

describe('node-resque preset', () => {
  const set = build('node-resque', { 'node-resque': '9.7.1' });

  it('finds the jobs of the map given to new Worker(), with positional signatures', () => {
    expect([...jobsByName(set).keys()]).toEqual(['add', 'subtract', 'multiply']);
    expect(jobsByName(set).get('add')).toMatchObject({ adapter: 'node-resque', serialization: 'json', handler: 'perform', location: { file: 'src/jobs.ts', span: { start: { line: 8 } } } });
    expect(signature(jobsByName(set).get('add'))).toEqual({ style: 'positional', members: ['a', 'b'] });
    expect(signature(jobsByName(set).get('subtract'))).toEqual({ style: 'positional', members: ['a', 'b', 'c?'] });
    // A handler given by reference to a module-level function.
    expect(jobsByName(set).get('multiply')).toMatchObject({ handler: 'multiply', params: [{ name: 'a', file: 'src/jobs.ts', span: { start: { line: 3 } } }, { name: 'b' }] });
  });

  it('finds enqueue, enqueueIn and enqueueAt calls with names and queues from constants, enums and as-const objects', () => {
    expect(sites(set)).toEqual([
      { wireName: 'add', nameSource: 'string', adapter: 'node-resque', queue: 'math', file: 'src/enqueue.ts', line: 7, count: 2, keys: undefined },
      { wireName: 'multiply', nameSource: 'string', adapter: 'node-resque', queue: 'math', file: 'src/enqueue.ts', line: 8, count: 2, keys: undefined },
      { wireName: 'subtract', nameSource: 'string', adapter: 'node-resque', queue: 'math', file: 'src/enqueue.ts', line: 9, count: 3, keys: undefined },
    ]);
  });
});

describe('sidequest preset', () => {
  const set = build('sidequest', { sidequest: '1.16.4' });

  it('finds Job subclasses with a run handler', () => {
    expect([...jobsByName(set).keys()]).toEqual(['EmailJob', 'ReportJob']);
    expect(jobsByName(set).get('EmailJob')).toMatchObject({ adapter: 'sidequest', handler: 'run', location: { file: 'src/email-job.ts' } });
    expect(signature(jobsByName(set).get('EmailJob'))).toEqual({ style: 'positional', members: ['to', 'subject'] });
    expect(signature(jobsByName(set).get('ReportJob'))).toEqual({ style: 'payload', members: ['id', 'format?'] });
  });

  it('finds builder chains, with the queue they name and the arguments after a cron expression', () => {
    expect(sites(set)).toEqual([
      { wireName: 'EmailJob', nameSource: 'class', adapter: 'sidequest', queue: 'mail', file: 'src/enqueue.ts', line: 5, count: 2, keys: undefined },
      { wireName: 'EmailJob', nameSource: 'class', adapter: 'sidequest', queue: undefined, file: 'src/enqueue.ts', line: 6, count: 2, keys: undefined },
      { wireName: 'ReportJob', nameSource: 'class', adapter: 'sidequest', queue: undefined, file: 'src/enqueue.ts', line: 7, count: 1, keys: ['id'] },
    ]);
  });
});

describe('faktory-worker preset', () => {
  const set = build('faktory-worker', { 'faktory-worker': '4.7.1' });

  it('finds registered functions, inline or by reference', () => {
    expect([...jobsByName(set).keys()]).toEqual(['SendEmail', 'ResizeImage']);
    expect(jobsByName(set).get('SendEmail')).toMatchObject({ adapter: 'faktory-worker', handler: 'register', location: { file: 'src/worker.ts', span: { start: { line: 8 } } } });
    expect(signature(jobsByName(set).get('SendEmail'))).toEqual({ style: 'positional', members: ['to', 'subject'] });
    expect(jobsByName(set).get('ResizeImage')).toMatchObject({ handler: 'resizeImage', params: [{ name: 'payload', type: 'unknown' }] });
  });

  it('finds client.job(name, ...args) calls and ignores dynamic names', () => {
    expect(sites(set)).toEqual([
      { wireName: 'SendEmail', nameSource: 'string', adapter: 'faktory-worker', queue: undefined, file: 'src/enqueue.ts', line: 5, count: 2, keys: undefined },
      { wireName: 'ResizeImage', nameSource: 'string', adapter: 'faktory-worker', queue: undefined, file: 'src/enqueue.ts', line: 6, count: 1, keys: ['id', 'width'] },
    ]);
  });
});

describe('agenda preset', () => {
  const set = build('agenda', { agenda: '6.2.6' });

  it('finds defined jobs with the payload typed by define<Data> or Job<Data>', () => {
    expect([...jobsByName(set).keys()]).toEqual(['send email', 'cleanup']);
    expect(jobsByName(set).get('send email')).toMatchObject({ adapter: 'agenda', serialization: 'bson', handler: 'define', fields: [{ name: 'to', file: 'src/jobs.ts' }, { name: 'subject' }] });
    expect(signature(jobsByName(set).get('send email'))).toEqual({ style: 'payload', members: ['to', 'subject'] });
    expect(signature(jobsByName(set).get('cleanup'))).toEqual({ style: 'payload', members: ['days', 'dryRun?'] });
    expect(jobsByName(set).get('send email')!.fields[0]!.makeOptional).toBeDefined();
  });

  it('finds now, schedule and every calls with their data keys', () => {
    expect(sites(set)).toEqual([
      { wireName: 'send email', nameSource: 'string', adapter: 'agenda', queue: undefined, file: 'src/enqueue.ts', line: 5, count: 1, keys: ['to', 'subject'] },
      { wireName: 'cleanup', nameSource: 'string', adapter: 'agenda', queue: undefined, file: 'src/enqueue.ts', line: 6, count: 1, keys: ['days'] },
      { wireName: 'cleanup', nameSource: 'string', adapter: 'agenda', queue: undefined, file: 'src/enqueue.ts', line: 7, count: 1, keys: ['days'] },
    ]);
  });
});

describe('app-task preset', () => {
  const set = build('app-task', { bullmq: '6.7.0' });

  it('finds BaseTask subclasses with their props', () => {
    expect([...jobsByName(set).keys()]).toEqual(['CleanupTask']);
    expect(jobsByName(set).get('CleanupTask')).toMatchObject({ adapter: 'app-task', handler: 'perform', location: { file: 'src/cleanup-task.ts' } });
    expect(signature(jobsByName(set).get('CleanupTask'))).toEqual({ style: 'payload', members: ['limit', 'dryRun?'] });
  });

  it('finds new X().schedule(props)', () => {
    expect(sites(set)).toEqual([
      { wireName: 'CleanupTask', nameSource: 'class', adapter: 'app-task', queue: undefined, file: 'src/enqueue.ts', line: 4, count: 1, keys: ['limit'] },
    ]);
  });

  it('reads the props from the type argument of the base class when perform does not type them', () => {
    const set = buildContracts(
      {
        'package.json': packageJson({ bullmq: '6.7.0' }),
        'src/base-task.js': 'export class BaseTask { schedule(props) {} }\n',
        'src/types.ts': 'export type Props = { id: number; when?: string };\n',
        'src/purge-task.ts': "import { BaseTask } from './base-task.js';\nimport type { Props } from './types.js';\nexport class PurgeTask extends BaseTask<Props> {\n  perform(props) {}\n}\n",
      },
      DEFAULT_JOB_PATTERN,
    );
    expect(signature(jobsByName(set).get('PurgeTask'))).toEqual({ style: 'payload', members: ['id', 'when?'] });
    expect(jobsByName(set).get('PurgeTask')!.fields[0]).toMatchObject({ file: 'src/types.ts' });
  });
});

describe('declared adapters (the worked examples of docs/frameworks.md)', () => {
  const set = build('custom', { bullmq: '6.7.0' }, { ...DEFAULT_JOB_PATTERN, adapters: CUSTOM_ADAPTERS });

  it('finds class jobs named by static options and jobs registered by name', () => {
    expect([...jobsByName(set).keys()].sort()).toEqual(['ExportCsv', 'digest.send', 'invoice.send']);
    expect(jobsByName(set).get('digest.send')).toMatchObject({ adapter: 'queue-job', queue: 'mail', handler: 'handle' });
    expect(signature(jobsByName(set).get('digest.send'))).toEqual({ style: 'payload', members: ['userId', 'since?'] });
    expect(signature(jobsByName(set).get('ExportCsv'))).toEqual({ style: 'payload', members: ['reportId'] });
    expect(jobsByName(set).get('invoice.send')).toMatchObject({ adapter: 'job-registry', handler: 'register' });
    expect(signature(jobsByName(set).get('invoice.send'))).toEqual({ style: 'payload', members: ['invoiceId', 'copyTo?'] });
  });

  it('finds static calls with a chained queue, service calls naming X.name, and pushes by name', () => {
    expect(sites(set)).toEqual([
      { wireName: 'digest.send', nameSource: 'class', adapter: 'queue-job', queue: 'mail', file: 'src/enqueue.ts', line: 6, count: 1, keys: ['userId'] },
      { wireName: 'ExportCsv', nameSource: 'class', adapter: 'queue-job', queue: undefined, file: 'src/enqueue.ts', line: 7, count: 1, keys: ['reportId'] },
      { wireName: 'invoice.send', nameSource: 'string', adapter: 'job-registry', queue: undefined, file: 'src/enqueue.ts', line: 8, count: 1, keys: ['invoiceId'] },
    ]);
  });
});
