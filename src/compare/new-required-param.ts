import type { MemberContract } from '../model/contract.js';
import type { Finding } from '../model/finding.js';
import type { CompareContext } from './context.js';
import type { CheckDescriptor, MessageIdOf } from './descriptor.js';
import { formatSites, makeFinding } from './findings.js';
import { getNestedChanges } from './nested-members.js';
import { forEachJobPair, forEachMemberPair, isPassedBySite, type JobPair } from './pairs.js';


export const NEW_REQUIRED_PARAM = {
  id: 'no-new-required-param',
  needsBaseline: true,
  direction: 'old-payload-to-new-worker',
  messages: {
    newRequiredParam: "Job '{{job}}' now requires parameter '{{param}}', which jobs queued by {{baseline}} lack: they run here with it undefined. Step 1: make it optional, handle its absence and pass it at every enqueue site; step 2, once that is deployed: make it required.{{drain}}",
    newRequiredField: "Job '{{job}}' now requires payload field '{{param}}', which payloads queued by {{baseline}} lack: it is undefined here. Step 1: make it optional, handle its absence and send it from every enqueue site; step 2, once that is deployed: make it required.{{drain}}",
    prematureRequiredParam:
      "Parameter '{{param}}' of job '{{job}}' is now required, but {{baseline}} enqueues the job without it: it is undefined here. This is step 2 while step 1 is unfinished: pass it at {{sites}} and deploy that first, then make it required.{{drain}}",
    prematureRequiredField:
      "Payload field '{{param}}' of job '{{job}}' is now required, but {{baseline}} enqueues the job without it: it is undefined here. This is step 2 while step 1 is unfinished: send it from {{sites}} and deploy that first, then make it required.{{drain}}",
  },
  run: checkNewRequiredParams,
} as const satisfies CheckDescriptor;

type MessageId = MessageIdOf<typeof NEW_REQUIRED_PARAM>;

/**
 * A handler parameter or payload field that is required now but was absent in the
 * baseline (jobs already queued lack it), or was optional there while a deployed enqueue
 * site still omits it (the second step of the two-step plan taken too early).
 */
function checkNewRequiredParams(context: CompareContext): Finding[] {
  const findings: Finding[] = [];
  forEachJobPair(context.previous, context.current, (pair) => {
    const suffix = pair.current.style === 'payload' ? 'Field' : 'Param';
    forEachMemberPair(pair, ({ previous, previousIndex, current }) => {
      if (previous?.shape && current.shape) {
        for (const added of getNestedChanges(current.name, previous.shape, current.shape).added) {
          if (!added.optional) findings.push(getFinding(pair, { ...current, name: added.path, makeOptional: undefined }, 'newRequiredField', context, ''));
        }
      }
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

function getFinding(pair: JobPair, member: MemberContract, messageId: MessageId, context: CompareContext, sites: string): Finding {
  return makeFinding(NEW_REQUIRED_PARAM, {
    messageId,
    job: pair.current,
    at: { file: member.file, span: member.span },
    data: { param: member.name, baseline: context.baselineLabel, sites },
    fix: member.makeOptional ? [member.makeOptional] : undefined,
  });
}
