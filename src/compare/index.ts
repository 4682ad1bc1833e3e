import type { ContractSet } from '../model/contract.js';
import type { Finding } from '../model/finding.js';
import type { CompareContext, Comparison } from './context.js';
import type { CheckDescriptor } from './descriptor.js';
import { withDrainEvidence } from './drain.js';
import { ENQUEUE_ARGS_MATCH } from './enqueue-args.js';
import { DELETED_ENQUEUED_JOB, getRemovedJobs, PREMATURE_ENQUEUE, UNKNOWN_JOB } from './job-changes.js';
import { NEW_REQUIRED_PARAM } from './new-required-param.js';
import { INCOMPATIBLE_PARAM_CHANGE } from './param-changes.js';
import { QUEUE_CHANGE } from './queue-change.js';
import { findRenames, RENAME_WITHOUT_ALIAS } from './renames.js';
import { SILENT_UNKNOWN_JOB } from './silent-unknown-job.js';
import { UNSERIALIZABLE_PAYLOAD } from './unserializable.js';
import { getVersionLockedJobs, withoutVersionLocked } from './version-locked.js';

/** Every check, in the order their findings are reported. */
const CHECKS: readonly CheckDescriptor[] = [
  NEW_REQUIRED_PARAM,
  INCOMPATIBLE_PARAM_CHANGE,
  QUEUE_CHANGE,
  PREMATURE_ENQUEUE,
  RENAME_WITHOUT_ALIAS,
  DELETED_ENQUEUED_JOB,
  ENQUEUE_ARGS_MATCH,
  UNKNOWN_JOB,
  SILENT_UNKNOWN_JOB,
  UNSERIALIZABLE_PAYLOAD,
];

const checksById = new Map(CHECKS.map((check) => [check.id, check]));

/** The check whose findings a rule of this name reports, if it is one. */
export function getCheck(id: string): CheckDescriptor | undefined {
  return checksById.get(id);
}

/** The findings of the checks that compare the current version with the baseline. */
export function compareContracts(context: CompareContext): Finding[] {
  const removed = getRemovedJobs(context);
  const renames = findRenames(removed, context);
  const deleted = removed.filter((job) => !renames.some((rename) => rename.previous === job.previous));
  const comparison: Comparison = { ...context, renames, deleted };
  const findings = CHECKS.flatMap((check) => (check.needsBaseline ? check.run(comparison) : []));
  const kept = withoutVersionLocked(findings, getVersionLockedJobs(context.previous, context.current), context);
  return withDrainEvidence(kept, context, getTemplate);
}

function getTemplate(finding: Finding): string | undefined {
  return (checksById.get(finding.rule)?.messages as Record<string, string> | undefined)?.[finding.messageId];
}

/** Whether the body of a job can change a finding: bodies pair renamed jobs, which takes a removed one. */
export function doBodiesMatter(context: CompareContext): boolean {
  return getRemovedJobs(context).length > 0;
}

/** The findings of the checks of the current version alone: they run without a baseline. */
export function checkCurrentContracts(current: ContractSet): Finding[] {
  return CHECKS.flatMap((check) => (check.needsBaseline ? [] : check.run(current)));
}

export type { CompareContext } from './context.js';
