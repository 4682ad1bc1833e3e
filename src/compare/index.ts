import type { ContractSet } from '../model/contract.js';
import type { Finding } from '../model/finding.js';
import type { CompareContext } from './context.js';
import { checkEnqueueArgs } from './enqueue-args.js';
import { checkDeletedJobs, checkPrematureEnqueues, checkUnknownJobs, getRemovedJobs } from './job-changes.js';
import { checkNewRequiredParams } from './new-required-param.js';
import { checkParamChanges } from './param-changes.js';
import { checkQueueChanges } from './queue-change.js';
import { checkRenames, findRenames } from './renames.js';
import { checkSilentUnknownJobs } from './silent-unknown-job.js';

/** Checks of the current version against the baseline. */
const VERSION_CHECKS: Array<(context: CompareContext) => Finding[]> = [
  checkNewRequiredParams,
  checkParamChanges,
  checkQueueChanges,
  checkPrematureEnqueues,
];

/** Checks of the current version alone: they run without a baseline. */
const CURRENT_CHECKS: Array<(current: ContractSet) => Finding[]> = [checkEnqueueArgs, checkUnknownJobs, checkSilentUnknownJobs];

export function compareContracts(context: CompareContext): Finding[] {
  const removed = getRemovedJobs(context);
  const renames = findRenames(removed, context);
  // A renamed job is reported once, as a rename; its old name is not reported as deleted too.
  const deleted = removed.filter((job) => !renames.some((rename) => rename.previous === job.previous));
  return [...VERSION_CHECKS.flatMap((check) => check(context)), ...checkRenames(context, renames), ...checkDeletedJobs(context, deleted)];
}

/** Whether the body of a job can change a finding: bodies pair renamed jobs, which takes a removed one. */
export function doBodiesMatter(context: CompareContext): boolean {
  return getRemovedJobs(context).length > 0;
}

export function checkCurrentContracts(current: ContractSet): Finding[] {
  return CURRENT_CHECKS.flatMap((check) => check(current));
}

export type { CompareContext } from './context.js';
