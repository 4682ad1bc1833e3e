import type { ContractSet } from '../model/contract.js';

export interface CompareContext {
  previous: ContractSet;
  current: ContractSet;
  /** How messages name the baseline, e.g. `origin/main (merge-base 1a2b3c4)`. */
  baselineLabel: string;
  /** Wire names retired on purpose: never reported as deleted. */
  retiredJobs: readonly string[];
}
