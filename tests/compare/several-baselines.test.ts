import { describe, expect, it } from 'vitest';
import { joinLabels, mergeBaselineRuns } from '../../src/compare/several-baselines.js';
import type { Finding } from '../../src/model/finding.js';

const span = { range: [10, 20] as [number, number], start: { line: 2, column: 0 }, end: { line: 2, column: 10 } };
const finding = (data: Record<string, string>, range: [number, number] = [10, 20]): Finding => ({
  rule: 'no-new-required-param',
  messageId: 'prematureRequiredParam',
  data: { job: 'MailJob', param: 'locale', drain: '', ...data },
  job: 'MailJob',
  direction: 'old-payload-to-new-worker',
  file: 'src/mail-job.ts',
  span: { ...span, range },
});

describe('findings against several baselines', () => {
  it("are one per place and problem, naming every baseline and every baseline's enqueue sites", () => {
    const merged = mergeBaselineRuns([
      { label: 'v1 at 1111111', findings: [finding({ baseline: 'v1 at 1111111', sites: 'src/a.ts:3' })] },
      { label: 'v2 at 2222222', findings: [finding({ baseline: 'v2 at 2222222', sites: 'src/b.ts:7' }), finding({ baseline: 'v2 at 2222222', sites: 'src/b.ts:7' }, [30, 40])] },
    ]);
    expect(merged.map((each) => [each.span.range, each.data.baseline, each.data.sites, each.baselines])).toEqual([
      [[10, 20], 'v1 at 1111111 and v2 at 2222222', 'src/a.ts:3; src/b.ts:7', ['v1 at 1111111', 'v2 at 2222222']],
      [[30, 40], 'v2 at 2222222', 'src/b.ts:7', ['v2 at 2222222']],
    ]);
  });

  it("keep one baseline's findings as they are", () => {
    const only = [finding({ baseline: 'main at 1111111', sites: 'src/a.ts:3' })];
    expect(mergeBaselineRuns([{ label: 'main at 1111111', findings: only }])).toBe(only);
  });

  it('join labels as a sentence does', () => {
    expect([joinLabels([]), joinLabels(['a']), joinLabels(['a', 'b']), joinLabels(['a', 'b', 'c'])]).toEqual(['', 'a', 'a and b', 'a, b and c']);
  });
});
