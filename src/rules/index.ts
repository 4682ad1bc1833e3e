import enqueueArgsMatch from './enqueue-args-match.js';
import noDeletedEnqueuedJob from './no-deleted-enqueued-job.js';
import noIncompatibleParamChange from './no-incompatible-param-change.js';
import noNewRequiredParam from './no-new-required-param.js';
import noPrematureEnqueue from './no-premature-enqueue.js';
import noQueueChange from './no-queue-change.js';
import noRenameWithoutAlias from './no-rename-without-alias.js';
import noSilentUnknownJob from './no-silent-unknown-job.js';
import noUnknownJob from './no-unknown-job.js';
import requireBaseline from './require-baseline.js';

export const rules = {
  'enqueue-args-match': enqueueArgsMatch,
  'no-deleted-enqueued-job': noDeletedEnqueuedJob,
  'no-incompatible-param-change': noIncompatibleParamChange,
  'no-new-required-param': noNewRequiredParam,
  'no-premature-enqueue': noPrematureEnqueue,
  'no-queue-change': noQueueChange,
  'no-rename-without-alias': noRenameWithoutAlias,
  'no-silent-unknown-job': noSilentUnknownJob,
  'no-unknown-job': noUnknownJob,
  'require-baseline': requireBaseline,
};
