import { ENQUEUE_ARGS_MATCH } from '../compare/enqueue-args.js';
import { DELETED_ENQUEUED_JOB, PREMATURE_ENQUEUE, UNKNOWN_JOB } from '../compare/job-changes.js';
import { NEW_REQUIRED_PARAM } from '../compare/new-required-param.js';
import { INCOMPATIBLE_PARAM_CHANGE } from '../compare/param-changes.js';
import { QUEUE_CHANGE } from '../compare/queue-change.js';
import { RENAME_WITHOUT_ALIAS } from '../compare/renames.js';
import { SILENT_UNKNOWN_JOB } from '../compare/silent-unknown-job.js';
import { UNSERIALIZABLE_PAYLOAD } from '../compare/unserializable.js';
import enqueueArgsMatch from './enqueue-args-match.js';
import noDeletedEnqueuedJob from './no-deleted-enqueued-job.js';
import noIncompatibleParamChange from './no-incompatible-param-change.js';
import noNewRequiredParam from './no-new-required-param.js';
import noPrematureEnqueue from './no-premature-enqueue.js';
import noQueueChange from './no-queue-change.js';
import noRenameWithoutAlias from './no-rename-without-alias.js';
import noSilentUnknownJob from './no-silent-unknown-job.js';
import noUnknownJob from './no-unknown-job.js';
import noUnserializablePayload from './no-unserializable-payload.js';
import requireBaseline, { REQUIRE_BASELINE } from './require-baseline.js';

/** Each check's rule under the check's id, and require-baseline, which reports no findings of its own. */
export const rules = {
  [ENQUEUE_ARGS_MATCH.id]: enqueueArgsMatch,
  [DELETED_ENQUEUED_JOB.id]: noDeletedEnqueuedJob,
  [INCOMPATIBLE_PARAM_CHANGE.id]: noIncompatibleParamChange,
  [NEW_REQUIRED_PARAM.id]: noNewRequiredParam,
  [PREMATURE_ENQUEUE.id]: noPrematureEnqueue,
  [QUEUE_CHANGE.id]: noQueueChange,
  [RENAME_WITHOUT_ALIAS.id]: noRenameWithoutAlias,
  [SILENT_UNKNOWN_JOB.id]: noSilentUnknownJob,
  [UNKNOWN_JOB.id]: noUnknownJob,
  [UNSERIALIZABLE_PAYLOAD.id]: noUnserializablePayload,
  [REQUIRE_BASELINE]: requireBaseline,
};
