import type { ContractSet, EnqueueSite, JobContract } from '../model/contract.js';

/** What the checks may ask about the current files beyond their contracts. */
export interface ProjectFiles {
  exists(path: string): boolean;
  /** The file exists but could not be parsed: its jobs are unknown, not deleted. */
  isUnparsable(path: string): boolean;
  /** The current text of a file, to move a place found in the baseline onto it; undefined when it cannot be read. */
  readText?(path: string): string | undefined;
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

/** A baseline job whose wire name no current job handles. */
export interface RemovedJob {
  previous: JobContract;
  previousSites: EnqueueSite[];
}

/** A removed job paired with the new job that replaces it. */
export interface Rename extends RemovedJob {
  current: JobContract;
}

/**
 * What the checks against the baseline read. Removed jobs are sorted once into renames and
 * deletions, because a renamed job is reported once, as a rename, not as deleted too.
 */
export interface Comparison extends CompareContext {
  renames: Rename[];
  /** Removed jobs that no rename explains. */
  deleted: RemovedJob[];
}
