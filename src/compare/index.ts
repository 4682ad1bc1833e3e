import type { Finding } from '../model/finding.js';
import type { CompareContext } from './context.js';
import { checkNewRequiredParams } from './new-required-param.js';

const CHECKS: Array<(context: CompareContext) => Finding[]> = [checkNewRequiredParams];

/** Every finding of every check, for the whole project. */
export function compareContracts(context: CompareContext): Finding[] {
  return CHECKS.flatMap((check) => check(context));
}

export type { CompareContext } from './context.js';
