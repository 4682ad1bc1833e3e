import type { MemberContract } from '../model/contract.js';
import type { Finding } from '../model/finding.js';
import type { CompareContext } from './context.js';
import { formatSites, makeFinding } from './findings.js';
import { forEachJobPair, forEachMemberPair, isPassedBySite, type JobPair } from './pairs.js';

export const NEW_REQUIRED_PARAM = 'no-new-required-param';

/**
 * A handler parameter or payload field that is required now but was absent in the
 * baseline (jobs already queued lack it), or was optional there while a deployed enqueue
 * site still omits it (the second step of the two-step plan taken too early).
 */
export function checkNewRequiredParams(context: CompareContext): Finding[] {
  const findings: Finding[] = [];
  forEachJobPair(context.previous, context.current, (pair) => {
    const suffix = pair.current.style === 'payload' ? 'Field' : 'Param';
    forEachMemberPair(pair, ({ previous, previousIndex, current }) => {
      if (current.optionality !== 'required') return;
      if (!previous) {
        findings.push(getFinding(pair, current, `newRequired${suffix}`, context, ''));
        return;
      }
      if (previous.optionality === 'required') return;
      const omitting = pair.previousSites.filter((site) => !isPassedBySite(site, pair.previous.style, previous, previousIndex));
      if (omitting.length > 0) findings.push(getFinding(pair, current, `prematureRequired${suffix}`, context, formatSites(omitting)));
    });
  });
  return findings;
}

function getFinding(pair: JobPair, member: MemberContract, messageId: string, context: CompareContext, sites: string): Finding {
  return makeFinding({
    rule: NEW_REQUIRED_PARAM,
    messageId,
    job: pair.current,
    direction: 'old-payload-to-new-worker',
    at: { file: member.file, span: member.span },
    data: { param: member.name, baseline: context.baselineLabel, sites },
    fix: member.makeOptional ? [member.makeOptional] : undefined,
  });
}
