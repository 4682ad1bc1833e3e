/** Properties of the comparison engine over generated jobs, checked with fast-check. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareContracts } from '../../src/compare/index.js';
import type { Finding } from '../../src/model/finding.js';
import { buildContracts, type Sources } from '../helpers/fixture-project.js';

interface MemberSpec {
  name: string;
  type: string;
  optional: boolean;
}

interface JobSpec {
  name: string;
  style: 'positional' | 'payload';
  members: MemberSpec[];
}

const TYPES = ['string', 'number', 'boolean', 'string[]', "'a' | 'b'", 'Record<string, number>'];

const memberArb = fc.record({ name: fc.constantFrom('id', 'to', 'cc', 'date', 'locale', 'count', 'kind', 'ref'), type: fc.constantFrom(...TYPES), optional: fc.boolean() });

/** Members with unique names, required ones first (as TypeScript demands of positional parameters). */
const membersArb = fc
  .uniqueArray(memberArb, { selector: (member) => member.name, maxLength: 5 })
  .map((members) => [...members.filter((m) => !m.optional), ...members.filter((m) => m.optional)]);

const jobArb: fc.Arbitrary<JobSpec> = fc.record({
  name: fc.constantFrom('MailJob', 'ReportJob', 'CleanupJob', 'DigestJob', 'ExportJob').map((name) => name),
  style: fc.constantFrom('positional' as const, 'payload' as const),
  members: membersArb,
});

const jobsArb = fc.uniqueArray(jobArb, { selector: (job) => job.name, minLength: 1, maxLength: 4 });

function member({ name, type, optional }: MemberSpec): string {
  return `${name}${optional ? '?' : ''}: ${type}`;
}

function render(job: JobSpec): string {
  const header = 'export class ApplicationJob {}\n';
  if (job.style === 'positional') return `${header}export class ${job.name} extends ApplicationJob {\n  perform(${job.members.map(member).join(', ')}) {}\n}\n`;
  return `${header}interface ${job.name}Payload {\n${job.members.map((m) => `  ${member(m)};\n`).join('')}}\nexport class ${job.name} extends ApplicationJob {\n  perform(payload: ${job.name}Payload) {}\n}\n`;
}

/** Every member passed: a deployed enqueuer that sends the whole contract. */
function enqueuer(job: JobSpec): string {
  const args = job.style === 'positional' ? job.members.map(() => '1').join(', ') : `{ ${job.members.map((m) => `${m.name}: 1`).join(', ')} }`;
  return `import { ${job.name} } from './${job.name}';\n${job.name}.performLater(${args});\n`;
}

function sources(jobs: JobSpec[], withEnqueuers = true): Sources {
  const files: Sources = {};
  for (const job of jobs) {
    files[`${job.name}.ts`] = render(job);
    if (withEnqueuers) files[`enqueue-${job.name}.ts`] = enqueuer(job);
  }
  return files;
}

function compare(previous: Sources, current: Sources): Finding[] {
  return compareContracts({
    previous: buildContracts(previous),
    current: buildContracts(current),
    baselineLabel: 'main',
    retiredJobs: [],
    project: { exists: (path) => path in current, isUnparsable: () => false },
  });
}

const describeFindings = (findings: Finding[]) => findings.map((f) => `${f.rule}/${f.messageId}@${f.file}`).sort();

const RUNS = { numRuns: 60 };

describe('properties of the comparison engine', () => {
  it('a version compared with itself gives nothing', () => {
    fc.assert(
      fc.property(jobsArb, (jobs) => {
        expect(compare(sources(jobs), sources(jobs))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('adding an optional member gives nothing', () => {
    fc.assert(
      fc.property(jobsArb, fc.nat(), fc.constantFrom(...TYPES), (jobs, pick, type) => {
        const target = jobs[pick % jobs.length]!;
        const added: JobSpec = { ...target, members: [...target.members, { name: 'extra', type, optional: true }] };
        const next = jobs.map((job) => (job === target ? added : job));
        expect(compare(sources(jobs), sources(next, false))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('adding a required member gives exactly one finding, and the fix plan makes it disappear', () => {
    fc.assert(
      fc.property(jobsArb, fc.nat(), fc.constantFrom(...TYPES), (jobs, pick, type) => {
        const target = jobs[pick % jobs.length]!;
        // A required positional parameter can only go before the optional ones, which moves them: another finding.
        fc.pre(target.style === 'payload' || target.members.every((m) => !m.optional));
        const required = target.members.filter((m) => !m.optional);
        const optional = target.members.filter((m) => m.optional);
        const added: JobSpec = { ...target, members: [...required, { name: 'extra', type, optional: false }, ...optional] };
        const current = sources(jobs.map((job) => (job === target ? added : job)));
        const findings = compare(sources(jobs), current);
        expect(describeFindings(findings)).toEqual([
          `no-new-required-param/newRequired${target.style === 'payload' ? 'Field' : 'Param'}@${target.name}.ts`,
        ]);
        const [finding] = findings;
        const fixed = { ...current, [finding!.file]: applyEdits(current[finding!.file]!, finding!.fix ?? []) };
        expect(finding!.fix).toBeDefined();
        expect(compare(sources(jobs), fixed)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('the second step after a deployed first step gives nothing', () => {
    fc.assert(
      fc.property(jobsArb, fc.nat(), (jobs, pick) => {
        const target = jobs[pick % jobs.length]!;
        const step1: JobSpec = { ...target, members: [...target.members, { name: 'extra', type: 'string', optional: true }] };
        const step2: JobSpec = { ...target, members: [...target.members.filter((m) => !m.optional), { name: 'extra', type: 'string', optional: false }, ...target.members.filter((m) => m.optional)] };
        fc.pre(target.style === 'payload' || target.members.every((m) => !m.optional));
        const deployed = sources(jobs.map((job) => (job === target ? step1 : job)));
        expect(compare(deployed, sources(jobs.map((job) => (job === target ? step2 : job))))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('findings do not depend on the order of files', () => {
    fc.assert(
      fc.property(jobsArb, jobsArb, fc.infiniteStream(fc.nat()), (before, after, shuffle) => {
        const previous = sources(before);
        const current = sources(after);
        const shuffled = Object.fromEntries(Object.entries(current).sort(() => (shuffle.next().value % 3) - 1));
        expect(describeFindings(compare(previous, shuffled))).toEqual(describeFindings(compare(previous, current)));
      }),
      RUNS,
    );
  });
});

function applyEdits(text: string, edits: Array<{ range: [number, number]; text: string }>): string {
  return [...edits].sort((a, b) => b.range[0] - a.range[0]).reduce((result, edit) => result.slice(0, edit.range[0]) + edit.text + result.slice(edit.range[1]), text);
}
