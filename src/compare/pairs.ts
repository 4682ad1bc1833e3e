/**
 * Pair combinators over two versions of the contracts, after buf's breaking-change
 * checks: each check is a small function over the pairs these produce.
 */
import { type ContractSet, type EnqueueSite, findJob, isSameJob, type JobContract, type MemberContract } from '../model/contract.js';
import { groupBy } from '../util/group-by.js';
import { isSameType } from './type-text.js';

export interface JobPair {
  previous: JobContract;
  current: JobContract;
  /** Enqueue sites of this job in the baseline: the ones deployed while the new code rolls out. */
  previousSites: EnqueueSite[];
}

/** The sites of a list that can deliver to a job, looked up by wire name first. */
export function getSitesOfJob(sites: EnqueueSite[]): (job: JobContract) => EnqueueSite[] {
  const byName = groupBy(sites, (site) => site.wireName);
  return (job) => (byName.get(job.wireName) ?? []).filter((site) => isSameJob(site, job));
}

export function forEachJobPair(previous: ContractSet, current: ContractSet, visit: (pair: JobPair) => void): void {
  const sitesOf = getSitesOfJob(previous.sites);
  for (const currentJob of current.jobs.values()) {
    const previousJob = findJob(previous.jobs, currentJob);
    if (previousJob) visit({ previous: previousJob, current: currentJob, previousSites: sitesOf(previousJob) });
  }
}

export function getMembers(job: JobContract): MemberContract[] {
  return job.style === 'payload' ? job.fields : job.params;
}

export interface MemberPair {
  /** Undefined when the member is new. */
  previous?: MemberContract;
  /** Position of the previous member in the previous handler, -1 when new. */
  previousIndex: number;
  current: MemberContract;
  currentIndex: number;
}

export interface RemovedMember {
  previous: MemberContract;
  previousIndex: number;
}

export interface MemberPairing {
  pairs: MemberPair[];
  removed: RemovedMember[];
}

/**
 * Pairs the current handler's members with the baseline's. Members pair by name; for
 * positional parameters, a member left unpaired pairs with the unpaired baseline member at
 * the same position when their types agree (a parameter renamed in place carries the same
 * data). Undefined when both versions do not use the same payload style.
 */
export function pairMembers(pair: JobPair): MemberPairing | undefined {
  const { previous, current } = pair;
  if (previous.style !== current.style || previous.membersUnknown || current.membersUnknown) return undefined;
  const previousMembers = getMembers(previous);
  const currentMembers = getMembers(current);
  const previousByName = new Map(previousMembers.map((member, index) => [member.name, index]));
  const paired = new Set<number>();
  for (const member of currentMembers) {
    const index = previousByName.get(member.name);
    if (index !== undefined) paired.add(index);
  }
  const restIndex = previous.style === 'positional' ? previousMembers.findIndex((member) => member.optionality === 'rest') : -1;
  const pairs: MemberPair[] = [];
  currentMembers.forEach((member, currentIndex) => {
    let previousIndex = previousByName.get(member.name);
    if (previousIndex === undefined && current.style === 'positional') {
      // A rest parameter took every argument from here on: positions no longer say which is which.
      if (restIndex >= 0 && currentIndex >= restIndex) return;
      const candidate = previousMembers[currentIndex];
      if (candidate && !paired.has(currentIndex) && isSameTypeOrUntyped(candidate, member)) {
        previousIndex = currentIndex;
        paired.add(currentIndex);
      }
    }
    pairs.push({
      previous: previousIndex === undefined ? undefined : previousMembers[previousIndex],
      previousIndex: previousIndex ?? -1,
      current: member,
      currentIndex,
    });
  });
  const removed = previousMembers
    .map((member, index) => ({ previous: member, previousIndex: index }))
    .filter(({ previous: member, previousIndex }) => !paired.has(previousIndex) && member.optionality !== 'rest');
  return { pairs, removed };
}

function isSameTypeOrUntyped(a: MemberContract, b: MemberContract): boolean {
  return a.type === undefined || b.type === undefined || isSameType(a.type, b.type);
}

export function forEachMemberPair(pair: JobPair, visit: (members: MemberPair) => void): void {
  pairMembers(pair)?.pairs.forEach(visit);
}

/** Whether a baseline enqueue site passes the member; sites whose arguments cannot be read count as passing. */
export function isPassedBySite(site: EnqueueSite, style: JobContract['style'], member: MemberContract, index: number): boolean {
  if (site.args.hasSpread) return true;
  if (style === 'positional') return site.args.count > index;
  return site.args.objectKeys === undefined || site.args.objectKeys.includes(member.name);
}
