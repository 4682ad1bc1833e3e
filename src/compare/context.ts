import type { ContractSet } from '../model/contract.js';

/** What the checks may ask about the current files beyond their contracts. */
export interface ProjectFiles {
  exists(path: string): boolean;
  /** The file exists but could not be parsed: its jobs are unknown, not deleted. */
  isUnparsable(path: string): boolean;
}

export interface CompareContext {
  previous: ContractSet;
  current: ContractSet;
  /** How messages name the baseline, e.g. `origin/main (merge-base 1a2b3c4)`. */
  baselineLabel: string;
  /** Wire names retired on purpose: never reported as deleted. */
  retiredJobs: readonly string[];
  project: ProjectFiles;
}
