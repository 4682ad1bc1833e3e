import enqueueArgsMatch from './enqueue-args-match.js';
import noIncompatibleParamChange from './no-incompatible-param-change.js';
import noNewRequiredParam from './no-new-required-param.js';
import noQueueChange from './no-queue-change.js';
import requireBaseline from './require-baseline.js';

export const rules = {
  'enqueue-args-match': enqueueArgsMatch,
  'no-incompatible-param-change': noIncompatibleParamChange,
  'no-new-required-param': noNewRequiredParam,
  'no-queue-change': noQueueChange,
  'require-baseline': requireBaseline,
};
