/**
 * Delayed jobs outlive the deploy after the one that queued them: a 6-day reminder enqueued
 * by the deployed version still waits when the next release rolls out. A finding about jobs
 * the baseline queued says so when some of its enqueue calls delay them, with how long.
 */
import { formatLocation } from '../model/contract.js';
import type { Finding } from '../model/finding.js';
import type { CompareContext } from './context.js';

/** Where a message template says what delayed jobs mean for the plan. */
const DRAIN = '{{drain}}';

export function withDrainEvidence(findings: Finding[], context: CompareContext, getTemplate: (finding: Finding) => string | undefined): Finding[] {
  return findings.map((finding) => {
    if (!getTemplate(finding)?.includes(DRAIN)) return finding;
    return { ...finding, data: { ...finding.data, drain: getDrainSentence(finding, context) } };
  });
}

function getDrainSentence(finding: Finding, context: CompareContext): string {
  // A rename's jobs were queued under the old name.
  const wireName = finding.data.oldName || finding.job;
  const delayed = context.previous.sites.filter((site) => site.wireName === wireName && site.delay);
  if (delayed.length === 0) return '';
  const longest = Math.max(...delayed.map((site) => site.delay?.ms ?? 0));
  const known = delayed.every((site) => site.delay?.ms !== undefined);
  const duration = known ? formatDuration(longest) : undefined;
  const where = delayed.slice(0, 2).map((site) => formatLocation(site.location)).join(', ') + (delayed.length > 2 ? ` and ${delayed.length - 2} more` : '');
  // Such jobs are enqueued until the transitional release replaces the baseline, and run up to their delay later.
  const next = duration ? `no sooner than ${duration} after the transitional release` : 'only once they have run';
  const retried = delayed.filter((site) => site.delay?.retry).length;
  const how = retried === 0 ? 'with a delay' : retried === delayed.length ? 'that retry with a backoff' : 'with a delay or retries';
  return ` Jobs enqueued by ${context.baselineLabel} ${how}${duration ? ` of up to ${duration}` : ''} (${where}) may still be waiting: take the next step ${next}.`;
}

const UNITS: ReadonlyArray<[name: string, ms: number]> = [
  ['week', 604_800_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** `6 days`, `1.5 hours`, `90 seconds`: the largest unit that counts at least one, to a tenth. */
export function formatDuration(ms: number): string {
  const [name, size] = UNITS.find(([, unit]) => ms >= unit && (ms / unit) % 1 === 0) ?? UNITS.find(([, unit]) => ms >= unit) ?? ['millisecond', 1];
  const count = Math.round((ms / size) * 10) / 10;
  return `${count} ${name}${count === 1 ? '' : 's'}`;
}
