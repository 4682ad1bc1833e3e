import { describe, expect, it } from 'vitest';
import { withDrainEvidence } from '../../src/compare/drain.js';
import type { CompareContext } from '../../src/compare/context.js';
import type { EnqueueSite } from '../../src/model/contract.js';
import type { DelayFact } from '../../src/model/facts.js';
import type { Finding } from '../../src/model/finding.js';

const span = { range: [0, 1] as [number, number], start: { line: 3, column: 0 }, end: { line: 3, column: 1 } };
const site = (wireName: string, line: number, delay?: DelayFact): EnqueueSite => ({
  wireName,
  nameSource: 'string',
  method: 'add',
  args: { count: 1, hasSpread: false },
  location: { file: 'src/enqueue.ts', span: { ...span, start: { line, column: 0 } } },
  ...(delay ? { delay } : {}),
});
const finding: Finding = { rule: 'no-new-required-param', messageId: 'newRequiredField', data: { job: 'welcome' }, job: 'welcome', direction: 'old-payload-to-new-worker', file: 'src/worker.ts', span };

function drainOf(sites: EnqueueSite[], template = 'x{{drain}}', of: Finding = finding): string | undefined {
  const context: CompareContext = { previous: { jobs: new Map(), sites }, current: { jobs: new Map(), sites: [] }, baselineLabel: 'v1 at 1a2b3c4', retiredJobs: [], project: { exists: () => true, isUnparsable: () => false } };
  return withDrainEvidence([of], context, () => template)[0]!.data.drain;
}

describe('what a finding says of delayed jobs', () => {
  it('is empty without delayed enqueue calls of the job, and absent from messages without the placeholder', () => {
    expect(drainOf([site('welcome', 2), site('other', 3, { ms: 1000 })])).toBe('');
    expect(drainOf([site('welcome', 2, { ms: 1000 })], 'no placeholder')).toBeUndefined();
  });

  it('says the longest delay and where, and when the next step may follow', () => {
    expect(drainOf([site('welcome', 2, { ms: 3_600_000 }), site('welcome', 5, { ms: 6 * 86_400_000 }), site('welcome', 9)])).toBe(
      ' Jobs enqueued by v1 at 1a2b3c4 with a delay of up to 6 days (src/enqueue.ts:2, src/enqueue.ts:5) may still be waiting: take the next step no sooner than 6 days after the transitional release.',
    );
  });

  it('says a delay of unknown length without one', () => {
    expect(drainOf([site('welcome', 2, { ms: 1000 }), site('welcome', 4, {})])).toBe(' Jobs enqueued by v1 at 1a2b3c4 with a delay (src/enqueue.ts:2, src/enqueue.ts:4) may still be waiting: take the next step only once they have run.');
  });

  it('names retries with a backoff, and counts three sites and more', () => {
    const retried = [1, 2, 3, 4].map((line) => site('welcome', line, { ms: 15_000, retry: true }));
    expect(drainOf(retried)).toBe(
      ' Jobs enqueued by v1 at 1a2b3c4 that retry with a backoff of up to 15 seconds (src/enqueue.ts:1, src/enqueue.ts:2 and 2 more) may still be waiting: take the next step no sooner than 15 seconds after the transitional release.',
    );
    expect(drainOf([site('welcome', 1, { ms: 15_000, retry: true }), site('welcome', 2, { ms: 60_000 })])).toContain('with a delay or retries of up to 1 minute');
  });

  it("reads a rename's jobs under the old name", () => {
    const rename: Finding = { ...finding, rule: 'no-rename-without-alias', messageId: 'renamedWithoutAlias', job: 'welcome-v2', data: { job: 'welcome-v2', oldName: 'welcome' } };
    expect(drainOf([site('welcome', 2, { ms: 1000 })], 'x{{drain}}', rename)).toContain('with a delay of up to 1 second');
  });
});
