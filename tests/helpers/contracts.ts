import type { ContractSet, JobContract } from '../../src/model/contract.js';

/** A version's jobs by wire name alone, for tests whose jobs all have distinct names (the set keys them by kind too). */
export function jobsByName(set: ContractSet): Map<string, JobContract> {
  return new Map([...set.jobs.values()].map((job) => [job.wireName, job]));
}
