import { describe, expect, it } from 'vitest';
import { checkCurrentContracts, compareContracts } from '../../src/compare/index.js';
import { buildContracts, type Sources } from '../helpers/fixture-project.js';

const NO_FILES = { exists: () => false, isUnparsable: () => false };

function job(handler: string, extra = ''): string {
  return `${extra}export class MailJob extends ApplicationJob {\n  perform(${handler}) {}\n}\n`;
}

const payloadJob = (fields: string) => job('payload: Payload', `interface Payload { ${fields} }\n`);
const enqueue = (args: string) => `import { MailJob } from './mail-job';\nMailJob.performLater(${args});\n`;

function findings(previous: Sources, current: Sources): string[] {
  const result = compareContracts({
    previous: buildContracts(previous),
    current: buildContracts(current),
    baselineLabel: 'main',
    retiredJobs: [],
    project: NO_FILES,
  });
  return result.map((finding) => `${finding.rule}/${finding.messageId}`).sort();
}

const versions = (handlerN: string, handlerN1: string, args = '1') => [
  { 'mail-job.ts': job(handlerN), 'app.ts': enqueue(args) },
  { 'mail-job.ts': job(handlerN1), 'app.ts': enqueue(args) },
];

describe('the compatibility matrix', () => {
  it.each([
    ['unchanged', 'id: number, to: string', 'id: number, to: string', []],
    ['new optional parameter', 'id: number', 'id: number, to?: string', []],
    ['new required parameter', 'id: number', 'id: number, to: string', ['no-new-required-param/newRequiredParam']],
    ['required parameter removed', 'id: number, to: string', 'id: number', ['no-incompatible-param-change/removedParam']],
    ['trailing optional parameter removed', 'id: number, to?: string', 'id: number', []],
    ['trailing parameter with a default removed', "id: number, to = 'x'", 'id: number', []],
    ['parameters reordered', 'id: number, to: string', 'to: string, id: number', ['no-incompatible-param-change/reorderedParam', 'no-incompatible-param-change/reorderedParam']],
    ['parameter renamed in place with the same type', 'id: number, to: string', 'id: number, recipient: string', []],
    [
      'parameter renamed in place with another type',
      'id: number, to: string',
      'id: number, count: number',
      ['no-incompatible-param-change/removedParam', 'no-new-required-param/newRequiredParam'],
    ],
    ['optional parameter inserted before another', 'id: number, to: string', 'id: number, cc?: string, to: string', ['no-incompatible-param-change/reorderedParam']],
    ['type narrowed', 'id: number | string', 'id: number', ['no-incompatible-param-change/typeChanged']],
    ['type replaced', 'id: number', 'id: string', ['no-incompatible-param-change/typeChanged']],
    ['type widened to a union', 'id: number', 'id: string | number', []],
    ['union reordered', 'id: number | string', 'id: string | number', []],
    ['Array<T> written as T[]', 'ids: Array<number>', 'ids: number[]', []],
    ['type widened to unknown', 'id: number', 'id: unknown', []],
    ['whitespace in types', 'id: { a: number }', 'id: {a:number}', []],
    ['switch to an object payload', 'id: number', 'payload: { id: number }', ['no-incompatible-param-change/payloadStyleChanged']],
  ])('%s', (_, handlerN, handlerN1, expected) => {
    const [previous, current] = versions(handlerN, handlerN1);
    expect(findings(previous!, current!)).toEqual(expected);
  });

  it.each([
    ['field made optional', 'id: number; to: string;', 'id: number; to?: string;', []],
    ['required field removed', 'id: number; to: string;', 'id: number;', ['no-incompatible-param-change/removedField']],
    ['optional field removed', 'id: number; to?: string;', 'id: number;', []],
    [
      'required field renamed',
      'id: number; to: string;',
      'id: number; recipient: string;',
      ['no-incompatible-param-change/renamedField', 'no-new-required-param/newRequiredField'],
    ],
    ['field type narrowed', "id: number; kind: 'a' | 'b';", "id: number; kind: 'a';", ['no-incompatible-param-change/typeChanged']],
    ['new required field', 'id: number;', 'id: number; to: string;', ['no-new-required-param/newRequiredField']],
  ])('payload: %s', (_, fieldsN, fieldsN1, expected) => {
    const site = "{ id: 1, to: 'x' }";
    expect(findings({ 'mail-job.ts': payloadJob(fieldsN), 'app.ts': enqueue(site) }, { 'mail-job.ts': payloadJob(fieldsN1), 'app.ts': enqueue(site) })).toEqual(
      expected,
    );
  });

  it('reports a queue change only while deployed code enqueues the job', () => {
    const queued = (queue: string) => job('id: number', '').replace('{\n', `{\n  static queue = '${queue}';\n`);
    const withSite = (queue: string) => ({ 'mail-job.ts': queued(queue), 'app.ts': enqueue('1') });
    expect(findings(withSite('mail'), withSite('bulk'))).toEqual(['no-queue-change/queueChanged']);
    expect(findings({ 'mail-job.ts': queued('mail') }, withSite('bulk'))).toEqual([]);
    expect(findings({ 'mail-job.ts': job('id: number'), 'app.ts': enqueue('1') }, withSite('bulk'))).toEqual(['no-queue-change/queueChanged']);
    expect(findings(withSite('mail'), withSite('mail'))).toEqual([]);
  });

  it('allows removing a field in two steps: optional first, then gone', () => {
    const step0 = { 'mail-job.ts': payloadJob('id: number; to: string;'), 'app.ts': enqueue("{ id: 1, to: 'x' }") };
    const step1 = { 'mail-job.ts': payloadJob('id: number; to?: string;'), 'app.ts': enqueue("{ id: 1, to: 'x' }") };
    const step2 = { 'mail-job.ts': payloadJob('id: number;'), 'app.ts': enqueue('{ id: 1 }') };
    expect(findings(step0, step1)).toEqual([]);
    expect(findings(step1, step2)).toEqual([]);
    expect(findings(step0, step2)).toEqual(['no-incompatible-param-change/removedField']);
  });

  it('gives the direction each change breaks', () => {
    const [previous, current] = versions('id: number, to: string', 'id: number');
    const [finding] = compareContracts({ previous: buildContracts(previous!), current: buildContracts(current!), baselineLabel: 'main', retiredJobs: [], project: NO_FILES });
    expect(finding).toMatchObject({ direction: 'new-payload-to-old-worker', data: { job: 'MailJob', param: 'to' } });
  });
});

describe('enqueue sites against the current handler', () => {
  function check(files: Sources): string[] {
    return checkCurrentContracts(buildContracts(files)).map((finding) => `${finding.messageId}:${finding.data.missing}`);
  }

  it('reports JavaScript enqueue sites that pass too few arguments or miss payload fields', () => {
    expect(check({ 'mail-job.js': job('id, to, cc = null'), 'app.js': enqueue('1') })).toEqual(['missingArguments:to']);
    expect(check({ 'mail-job.js': job('id, to'), 'app.js': enqueue('1, "a"') })).toEqual([]);
    expect(check({ 'mail-job.js': job('{ id, to }'), 'app.js': enqueue('{ id: 1 }') })).toEqual(['missingFields:to']);
    expect(check({ 'mail-job.js': job('id, to'), 'app.js': enqueue('...args') })).toEqual([]);
  });

  it('leaves TypeScript enqueue sites of job classes to the type checker', () => {
    expect(check({ 'mail-job.ts': job('id: number, to: string'), 'app.ts': enqueue('1') })).toEqual([]);
  });
});
