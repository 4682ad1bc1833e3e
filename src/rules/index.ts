import noNewRequiredParam from './no-new-required-param.js';
import requireBaseline from './require-baseline.js';

export const rules = {
  'no-new-required-param': noNewRequiredParam,
  'require-baseline': requireBaseline,
};
