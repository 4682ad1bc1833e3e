/**
 * Jobs that never meet the other version: every call that enqueues them, in the baseline and
 * in this version, runs them on the caller's own version (a framework that locks a child run
 * its parent waits for to the parent's version: the adapter's `callerVersion`). Old parents
 * enqueue for old children, new parents for new ones: a change to such a job's contract breaks
 * no run of a rolling deploy.
 */
import { findJob, getJobKey, type ContractSet } from '../model/contract.js';
import type { Finding } from '../model/finding.js';
import { getSitesOfJob } from './pairs.js';

/** The keys of the jobs whose every known call, in both versions, runs them on the caller's version. */
export function getVersionLockedJobs(previous: ContractSet, current: ContractSet): Set<string> {
  const previousSites = getSitesOfJob(previous.sites);
  const currentSites = getSitesOfJob(current.sites);
  const locked = new Set<string>();
  for (const job of current.jobs.values()) {
    const before = findJob(previous.jobs, job);
    const sites = [...currentSites(job), ...(before ? previousSites(before) : [])];
    if (sites.length > 0 && sites.every((site) => site.callerVersion)) locked.add(getJobKey(job));
  }
  for (const job of previous.jobs.values()) {
    const key = getJobKey(job);
    if (findJob(current.jobs, job)) continue;
    // A deleted (or renamed) child: its old parents run on the old version, whose bundle still has it.
    const sites = [...previousSites(job), ...currentSites(job)];
    if (sites.length > 0 && sites.every((site) => site.callerVersion)) locked.add(key);
  }
  return locked;
}

/** The findings of a job no rolling deploy can break, dropped; a finding about a site alone (no job key) by its wire name. */
export function withoutVersionLocked(findings: Finding[], locked: ReadonlySet<string>, context: { previous: ContractSet; current: ContractSet }): Finding[] {
  if (locked.size === 0) return findings;
  const lockedNames = new Set([...context.current.jobs.values(), ...context.previous.jobs.values()].filter((job) => locked.has(getJobKey(job))).map((job) => job.wireName));
  return findings.filter((finding) => (finding.jobKey !== undefined ? !locked.has(finding.jobKey) : !lockedNames.has(finding.job)));
}
