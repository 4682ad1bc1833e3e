import type { Finding } from '../model/finding.js';

/** One baseline's comparison: how messages name it, and what breaks against it. */
export interface BaselineRun {
  label: string;
  findings: Finding[];
}

/**
 * A change is safe only when it is safe against every version whose jobs may still be queued
 * (Confluent's transitive compatibility): the findings of every baseline, one per place and
 * problem, each naming the baselines it breaks against. A step that one baseline allows (its
 * enqueuers already pass the value) is still reported while an older one does not.
 */
export function mergeBaselineRuns(runs: readonly BaselineRun[]): Finding[] {
  if (runs.length === 1) return runs[0]!.findings;
  const merged = new Map<string, { finding: Finding; labels: string[]; drains: string[]; sites: string[] }>();
  for (const { label, findings } of runs) {
    for (const finding of findings) {
      const key = getIdentity(finding);
      const known = merged.get(key);
      if (!known) merged.set(key, { finding, labels: [label], drains: [finding.data.drain ?? ''], sites: [finding.data.sites ?? ''] });
      else if (!known.labels.includes(label)) {
        known.labels.push(label);
        known.drains.push(finding.data.drain ?? '');
        known.sites.push(finding.data.sites ?? '');
      }
    }
  }
  return [...merged.values()].map(({ finding, labels, drains, sites }) => {
    const data = { ...finding.data };
    if ('baseline' in data) data.baseline = joinLabels(labels);
    // Each baseline says which of its own jobs are delayed, and where its own enqueue calls are.
    if ('drain' in data) data.drain = [...new Set(drains)].join('');
    if ('sites' in data) data.sites = [...new Set(sites.filter(Boolean))].join('; ');
    return { ...finding, data, baselines: labels };
  });
}

export function joinLabels(labels: readonly string[]): string {
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/** The same problem at the same place: its baseline and what it says of that baseline's own enqueue sites aside. */
function getIdentity(finding: Finding): string {
  const { baseline: _baseline, sites: _sites, drain: _drain, ...data } = finding.data;
  return JSON.stringify([finding.rule, finding.messageId, finding.file, finding.span.range, finding.job, finding.jobKey ?? '', data]);
}
