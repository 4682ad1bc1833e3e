/**
 * Pair combinators over two versions of the contracts, after buf's breaking-change
 * checks: each check is a small function over the pairs these produce.
 */
import type { ContractSet, EnqueueSite, JobContract, MemberContract } from '../model/contract.js';

export interface JobPair {
  previous: JobContract;
  current: JobContract;
  /** Enqueue sites of this job in the baseline: the ones deployed while the new code rolls out. */
  previousSites: EnqueueSite[];
}

export function forEachJobPair(previous: ContractSet, current: ContractSet, visit: (pair: JobPair) => void): void {
  const sitesByJob = groupSitesByJob(previous.sites);
  for (const [wireName, currentJob] of current.jobs) {
    const previousJob = previous.jobs.get(wireName);
    if (previousJob) visit({ previous: previousJob, current: currentJob, previousSites: sitesByJob.get(wireName) ?? [] });
  }
}

function groupSitesByJob(sites: EnqueueSite[]): Map<string, EnqueueSite[]> {
  const map = new Map<string, EnqueueSite[]>();
  for (const site of sites) {
    const list = map.get(site.wireName) ?? [];
    list.push(site);
    map.set(site.wireName, list);
  }
  return map;
}

export interface MemberPair {
  /** Undefined when the member is new. */
  previous?: MemberContract;
  /** Position of the previous member in the previous handler (positional style). */
  previousIndex: number;
  current: MemberContract;
}

/**
 * Pairs the current handler's members with the baseline's. Members pair by name; for
 * positional parameters, a member left unpaired pairs with the unpaired baseline member at
 * the same position (a parameter renamed in place carries the same data on the wire).
 * Returns nothing when both versions do not use the same payload style.
 */
export function forEachMemberPair(pair: JobPair, visit: (members: MemberPair) => void): void {
  const { previous, current } = pair;
  if (previous.style !== current.style) return;
  const previousMembers = previous.style === 'payload' ? previous.fields : previous.params;
  const currentMembers = current.style === 'payload' ? current.fields : current.params;
  const previousByName = new Map(previousMembers.map((member, index) => [member.name, index]));
  const pairedPrevious = new Set<number>();
  for (const member of currentMembers) {
    const previousIndex = previousByName.get(member.name);
    if (previousIndex !== undefined) pairedPrevious.add(previousIndex);
  }
  const restIndex = previousMembers.findIndex((member) => member.optionality === 'rest');
  currentMembers.forEach((member, index) => {
    let previousIndex = previousByName.get(member.name);
    if (previousIndex === undefined && current.style === 'positional') {
      // A rest parameter took every argument from here on: positions no longer say which is which.
      if (restIndex >= 0 && index >= restIndex) return;
      if (index < previousMembers.length && !pairedPrevious.has(index)) previousIndex = index;
    }
    visit({
      previous: previousIndex === undefined ? undefined : previousMembers[previousIndex],
      previousIndex: previousIndex ?? -1,
      current: member,
    });
  });
}

/** Whether a baseline enqueue site passes the member; sites whose arguments cannot be read count as passing. */
export function isPassedBySite(site: EnqueueSite, style: JobContract['style'], member: MemberContract, index: number): boolean {
  if (site.args.hasSpread) return true;
  if (style === 'positional') return site.args.count > index;
  return site.args.objectKeys === undefined || site.args.objectKeys.includes(member.name);
}
