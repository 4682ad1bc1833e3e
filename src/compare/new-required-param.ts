import { type EnqueueSite, formatLocation, type MemberContract } from '../model/contract.js';
import type { Finding } from '../model/finding.js';
import type { CompareContext } from './context.js';
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
    forEachMemberPair(pair, ({ previous, previousIndex, current }) => {
      if (current.optionality !== 'required') return;
      if (!previous) {
        findings.push(getFinding(pair, current, isField(pair) ? 'newRequiredField' : 'newRequiredParam', context));
        return;
      }
      if (previous.optionality === 'required') return;
      const omitting = pair.previousSites.filter((site) => !isPassedBySite(site, pair.previous.style, previous, previousIndex));
      if (omitting.length > 0) {
        const messageId = isField(pair) ? 'prematureRequiredField' : 'prematureRequiredParam';
        findings.push(getFinding(pair, current, messageId, context, omitting));
      }
    });
  });
  return findings;
}

function isField(pair: JobPair): boolean {
  return pair.current.style === 'payload';
}

function getFinding(
  pair: JobPair,
  member: MemberContract,
  messageId: string,
  context: CompareContext,
  omittingSites: EnqueueSite[] = [],
): Finding {
  const finding: Finding = {
    rule: NEW_REQUIRED_PARAM,
    messageId,
    data: {
      job: pair.current.wireName,
      param: member.name,
      baseline: context.baselineLabel,
      sites: formatSites(omittingSites),
    },
    job: pair.current.wireName,
    direction: 'old-payload-to-new-worker',
    file: member.file,
    span: member.span,
  };
  if (member.makeOptional) finding.fix = [member.makeOptional];
  return finding;
}

const MAX_LISTED_SITES = 3;

function formatSites(sites: EnqueueSite[]): string {
  const listed = sites.slice(0, MAX_LISTED_SITES).map((site) => formatLocation(site.location));
  const more = sites.length - listed.length;
  return more > 0 ? `${listed.join(', ')} and ${more} more` : listed.join(', ');
}
