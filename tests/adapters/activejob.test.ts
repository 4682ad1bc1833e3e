import { describe, expect, it } from 'vitest';
import { getCandidatePattern } from '../../src/adapters/adapter-set.js';
import { DEFAULT_JOB_PATTERN } from '../../src/adapters/job-pattern.js';
import { parseFileFacts } from '../../src/adapters/parse-file.js';
import type { FileFacts } from '../../src/model/facts.js';
import { buildContracts } from '../helpers/fixture-project.js';
import { jobsByName } from '../helpers/contracts.js';

function facts(path: string, text: string): FileFacts {
  const outcome = parseFileFacts(path, text, DEFAULT_JOB_PATTERN);
  if ('error' in outcome) throw new Error(outcome.error);
  return outcome.facts;
}

describe('ActiveJob-style extraction', () => {
  it('reads classes, handlers, queues and enqueue sites', () => {
    const result = facts(
      'a.ts',
      `import Base, { Other as Renamed } from './base';
export class MailJob extends Base {
  static queue = 'mailers';
  perform(id: number, to?: string, cc = '', ...rest: string[]) {}
}
MailJob.performLater(1, 'a');
MailJob.set({ wait: 5 }).dispatch(...args);
queue.enqueue('x');
`,
    );
    expect(result.imports).toEqual({ Base: { source: './base', imported: 'default' }, Renamed: { source: './base', imported: 'Other' } });
    expect(result.classes).toMatchObject([{ name: 'MailJob', superClass: 'Base', statics: { queue: { value: 'mailers' } }, isExported: true, isAbstract: false }]);
    expect(result.classes[0]!.handlers[0]!.params.map((p) => [p.name, p.optionality, p.type])).toEqual([
      ['id', 'required', 'number'],
      ['to', 'optional', 'string'],
      ['cc', 'default', undefined],
      ['rest', 'rest', 'string[]'],
    ]);
    expect(result.enqueues.map((e) => [e.callee, e.method, e.args])).toEqual([
      ['MailJob', 'performLater', { count: 2, hasSpread: false, literals: { '#0': { k: 'lit', value: 1 }, '#1': { k: 'lit', value: 'a' } } }],
      ['MailJob', 'dispatch', { count: 1, hasSpread: true }],
      ['queue', 'enqueue', { count: 1, hasSpread: false, literals: { '#0': { k: 'lit', value: 'x' } } }],
    ]);
  });

  it('reads object-literal keys of the first argument, and none when it spreads', () => {
    const result = facts('a.ts', 'X.performLater({ id: 1, "date": d });\nX.performLater({ ...p, id: 1 });\n');
    expect(result.enqueues.map((e) => e.args.objectKeys)).toEqual([['id', 'date'], undefined]);
  });

  it('reads payload types: inline literals, local interfaces and type aliases, untyped destructuring', () => {
    const result = facts(
      'a.ts',
      `interface P { id: number; date?: string; 'quoted': boolean; when: Date | undefined }
type Q = { a: string };
class A extends BJob { perform(p: P) {} }
class B extends BJob { perform(q: { x: number }) {} }
class C extends BJob { perform({ x, y = 1 }) {} }
class D extends BJob { perform(q: Q) {} }
class E extends BJob { perform(a: number, b: P) {} }
`,
    );
    expect(result.types.find((t) => t.name === 'P')!.fields.map((f) => [f.name, f.optionality])).toEqual([
      ['id', 'required'],
      ['date', 'optional'],
      ['quoted', 'required'],
      ['when', 'optional'],
    ]);
    expect(result.classes.map((c) => c.handlers[0]!.payload)).toEqual([
      { ref: { name: 'P' } },
      { inline: [expect.objectContaining({ name: 'x', optionality: 'required' })] },
      { inline: [expect.objectContaining({ name: 'x', optionality: 'required' }), expect.objectContaining({ name: 'y', optionality: 'default' })] },
      { ref: { name: 'Q' } },
      undefined,
    ]);
  });

  it('records CommonJS requires and export aliases', () => {
    const result = facts('a.js', "const { BaseJob } = require('./base');\nclass A {}\nexport { A as B };\nexport default A;\n");
    expect(result.imports).toEqual({ BaseJob: { source: './base', imported: 'BaseJob' } });
    expect(result.exportAliases).toEqual({ B: 'A', default: 'A' });
  });

  it('parses JSX in .tsx and .js files and type assertions in .ts files', () => {
    expect(facts('a.tsx', 'const x = <div />;\nclass A extends BJob { perform(id: number) {} }\n').classes).toHaveLength(1);
    expect(facts('a.js', 'const x = <div />;\n').classes).toHaveLength(0);
    expect(facts('a.ts', 'const x = <number>y;\n').classes).toHaveLength(0);
  });

  it('reports a file that does not parse instead of throwing', () => {
    expect(parseFileFacts('a.ts', 'class {', DEFAULT_JOB_PATTERN)).toHaveProperty('error');
  });
});

describe('the candidate prefilter', () => {
  const test = new RegExp(getCandidatePattern(DEFAULT_JOB_PATTERN));
  it('selects job files and enqueuers, and leaves ordinary modules alone', () => {
    expect(test.test('export class A extends ApplicationJob {')).toBe(true);
    expect(test.test('  perform(id) {')).toBe(true);
    expect(test.test('await X.set({}).performLater(1)')).toBe(true);
    expect(test.test('export const add = (a, b) => a + b;')).toBe(false);
    expect(test.test('class Service extends Base {}')).toBe(false);
  });
});

describe('resolution across files', () => {
  it('follows superclasses through imports, aliases and default exports', () => {
    const set = buildContracts({
      'jobs/base.ts': "import { Job } from 'some-queue';\nexport default class Base extends Job {}\n",
      'jobs/middle.ts': "import Base from './base';\nclass Middle extends Base { perform(id: number) {} }\nexport { Middle as Intermediate };\n",
      'jobs/leaf.ts': "import { Intermediate } from './middle';\nexport class Leaf extends Intermediate {}\n",
      'jobs/plain.ts': "import { Service } from './service';\nexport class Plain extends Service { perform(id: number) {} }\n",
      'jobs/service.ts': 'export class Service {}\n',
      'app.ts': "import { Leaf as L } from './jobs/leaf';\nL.performLater(1);\n",
    });
    expect([...jobsByName(set).keys()].sort()).toEqual(['Leaf', 'Middle']);
    expect(jobsByName(set).get('Leaf')).toMatchObject({ handler: 'perform', params: [{ name: 'id', file: 'jobs/middle.ts' }] });
    expect(set.sites).toMatchObject([{ wireName: 'Leaf', location: { file: 'app.ts' } }]);
  });

  it('resolves payload types imported from relative modules, with .js specifiers', () => {
    const set = buildContracts({
      'types.ts': 'export interface Payload { id: number }\n',
      'job.ts': "import type { Payload } from './types.js';\nexport class AJob extends BaseJob { perform(p: Payload) {} }\n",
    });
    expect(jobsByName(set).get('AJob')).toMatchObject({ style: 'payload', fields: [{ name: 'id', file: 'types.ts' }] });
  });

  it('stops on superclass cycles', () => {
    const set = buildContracts({ 'a.ts': 'class A extends B { perform() {} }\nclass B extends A {}\n' });
    expect(set.jobs.size).toBe(0);
  });

  it('honours custom base classes and handler methods', () => {
    const pattern = { ...DEFAULT_JOB_PATTERN, baseClasses: ['Worker'], handlerMethods: ['run'] };
    const set = buildContracts({ 'a.ts': 'class Email extends Worker { run(to: string) {} }\n' }, pattern);
    expect([...jobsByName(set).keys()]).toEqual(['Email']);
  });
});
