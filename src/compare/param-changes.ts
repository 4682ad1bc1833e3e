/**
 * Changes to the members of a job's handler other than a new required one: removed,
 * reordered, retyped, renamed, or a switch between positional and object payloads.
 */
import type { Finding } from '../model/finding.js';
import type { CompareContext } from './context.js';
import { getMemberKind, makeFinding } from './findings.js';
import { forEachJobPair, getMembers, type JobPair, type MemberPairing, pairMembers } from './pairs.js';
import { isCompatibleTypeChange, isSameType } from './type-text.js';

export const INCOMPATIBLE_PARAM_CHANGE = 'no-incompatible-param-change';

export function checkParamChanges(context: CompareContext): Finding[] {
  const findings: Finding[] = [];
  forEachJobPair(context.previous, context.current, (pair) => {
    const pairing = pairMembers(pair);
    if (!pairing) {
      findings.push(getStyleChange(pair, context));
      return;
    }
    findings.push(...getRemovedMembers(pair, pairing, context), ...getReorderedParams(pair, pairing, context), ...getTypeChanges(pair, pairing, context));
  });
  return findings;
}

function getStyleChange(pair: JobPair, context: CompareContext): Finding {
  const describe = (style: string) => (style === 'payload' ? 'one object payload' : 'positional arguments');
  return makeFinding({
    rule: INCOMPATIBLE_PARAM_CHANGE,
    messageId: 'payloadStyleChanged',
    job: pair.current,
    direction: 'old-payload-to-new-worker',
    at: pair.current.location,
    data: { previousStyle: describe(pair.previous.style), currentStyle: describe(pair.current.style), baseline: context.baselineLabel },
  });
}

/**
 * A member the baseline required and the handler no longer has: new enqueuers stop sending
 * it and the old workers still read it. A member that was optional may go (trailing
 * positional ones; a non-trailing one shifts the rest, which the reorder check reports).
 */
function getRemovedMembers(pair: JobPair, pairing: MemberPairing, context: CompareContext): Finding[] {
  const findings: Finding[] = [];
  const newMembers = pairing.pairs.filter((member) => !member.previous);
  for (const { previous } of pairing.removed) {
    if (previous.optionality !== 'required') continue;
    const renamedTo =
      pair.current.style === 'payload'
        ? newMembers.find((member) => previous.type !== undefined && member.current.type !== undefined && isSameType(previous.type, member.current.type))
        : undefined;
    findings.push(
      makeFinding({
        rule: INCOMPATIBLE_PARAM_CHANGE,
        messageId: renamedTo ? 'renamedField' : pair.current.style === 'payload' ? 'removedField' : 'removedParam',
        job: pair.current,
        direction: 'new-payload-to-old-worker',
        at: renamedTo ? { file: renamedTo.current.file, span: renamedTo.current.span } : pair.current.location,
        data: { param: previous.name, newName: renamedTo?.current.name ?? '', baseline: context.baselineLabel },
      }),
    );
  }
  return findings;
}

/** A positional parameter at another position: each version's data lands in the other's variable. */
function getReorderedParams(pair: JobPair, pairing: MemberPairing, context: CompareContext): Finding[] {
  if (pair.current.style !== 'positional') return [];
  return pairing.pairs
    .filter((member) => member.previous && member.previousIndex !== member.currentIndex)
    .map((member) =>
      makeFinding({
        rule: INCOMPATIBLE_PARAM_CHANGE,
        messageId: 'reorderedParam',
        job: pair.current,
        direction: 'old-payload-to-new-worker',
        at: { file: member.current.file, span: member.current.span },
        data: {
          param: member.current.name,
          previousPosition: String(member.previousIndex + 1),
          currentPosition: String(member.currentIndex + 1),
          previousOrder: getMembers(pair.previous).map((param) => param.name).join(', '),
          baseline: context.baselineLabel,
        },
      }),
    );
}

/** A member whose type no longer accepts every value of the baseline's type (narrowed or replaced). */
function getTypeChanges(pair: JobPair, pairing: MemberPairing, context: CompareContext): Finding[] {
  const findings: Finding[] = [];
  for (const { previous, current } of pairing.pairs) {
    if (!previous?.type || !current.type || isCompatibleTypeChange(previous.type, current.type)) continue;
    findings.push(
      makeFinding({
        rule: INCOMPATIBLE_PARAM_CHANGE,
        messageId: 'typeChanged',
        job: pair.current,
        direction: 'old-payload-to-new-worker',
        at: { file: current.file, span: current.span },
        data: { param: current.name, kind: getMemberKind(pair.current), previousType: previous.type, currentType: current.type, baseline: context.baselineLabel },
      }),
    );
  }
  return findings;
}
