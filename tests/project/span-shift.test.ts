import { describe, expect, it } from 'vitest';
import { DEFAULT_JOB_PATTERN } from '../../src/adapters/job-pattern.js';
import { parseFileFacts } from '../../src/adapters/parse-file.js';
import type { FileFacts } from '../../src/model/facts.js';
import type { Finding } from '../../src/model/finding.js';
import { getSpanShift, shiftFinding } from '../../src/project/span-shift.js';

const JOB = `import { ApplicationJob } from './application-job';

export class MailJob extends ApplicationJob {
  perform(id: number, to: string) {
    console.log('sending', id, to);
  }
}
`;

function facts(text: string): FileFacts {
  const outcome = parseFileFacts('src/mail-job.ts', text, DEFAULT_JOB_PATTERN);
  if ('error' in outcome) throw new Error(outcome.error);
  return outcome.facts;
}

/** A finding on the `to` parameter with the fix that makes it optional, as the engine reports it. */
function findingOnTo(text: string, analysed: FileFacts): Finding {
  const param = analysed.classes[0]!.handlers[0]!.params.find((candidate) => candidate.name === 'to')!;
  const end = text.indexOf('to: string') + 'to'.length;
  return {
    rule: 'no-new-required-param',
    messageId: 'newRequiredParam',
    data: {},
    file: 'src/mail-job.ts',
    span: param.span,
    fix: [{ range: [end, end], text: '?' }],
  } as unknown as Finding;
}

describe('getSpanShift', () => {
  it('moves findings and fixes when an edit only moves positions', () => {
    // Comments and blank lines: fingerprints ignore them, so the edit moves positions only.
    const edited = `// a comment above\n\n${JOB.replace('    console.log', '    // say it\n    console.log')}`;
    const shift = getSpanShift(facts(JOB), facts(edited), true);
    expect(shift).toBeDefined();
    const moved = shiftFinding(findingOnTo(JOB, facts(JOB)), shift!)!;
    const fixed = edited.slice(0, moved.fix![0]!.range[0]) + moved.fix![0]!.text + edited.slice(moved.fix![0]!.range[1]);
    expect(fixed).toContain('to?: string');
    expect(moved.span.start).toEqual({ line: 6, column: 22 });
  });

  it('is undefined when a contract changes', () => {
    expect(getSpanShift(facts(JOB), facts(JOB.replace('to: string', 'to: number')), true)).toBeUndefined();
    expect(getSpanShift(facts(JOB), facts(JOB.replace('to: string', 'to?: string')), true)).toBeUndefined();
    expect(getSpanShift(facts(JOB), facts(JOB.replace(', to: string', '')), true)).toBeUndefined();
    expect(getSpanShift(facts(JOB), facts(JOB.replace('MailJob', 'EmailJob')), true)).toBeUndefined();
  });

  it('counts a new handler body as a change only while fingerprints matter', () => {
    const rewritten = JOB.replace("console.log('sending', id, to);", 'return deliver(id, to, { retries: 3, backoff: 10 });');
    expect(getSpanShift(facts(JOB), facts(rewritten), true)).toBeUndefined();
    expect(getSpanShift(facts(JOB), facts(rewritten), false)).toBeDefined();
  });

  it('leaves a finding without a counterpart in the edited file unmoved', () => {
    const shift = getSpanShift(facts(JOB), facts(`\n${JOB}`), true)!;
    const elsewhere = { ...findingOnTo(JOB, facts(JOB)), span: { start: { line: 1, column: 0 }, end: { line: 1, column: 3 }, range: [0, 3] } } as Finding;
    expect(shiftFinding(elsewhere, shift)).toBeUndefined();
  });
});
