/**
 * Changes to the members of a job's handler other than a new required one: removed,
 * reordered, retyped, renamed, or a switch between positional and object payloads.
 */
import type { JobContract } from '../model/contract.js';
import type { Finding } from '../model/finding.js';
import type { CompareContext } from './context.js';
import type { CheckDescriptor } from './descriptor.js';
import { getMemberKind, makeFinding } from './findings.js';
import { forEachJobPair, getMembers, type JobPair, type MemberPairing, pairMembers } from './pairs.js';
import { getSitesOmittingDeployedMembers, getSitesSendingRejectedValues } from './producer-checks.js';
import { getRejectedExample, isAssignable, type TypeShape } from '../model/type-shape.js';
import { getNestedChanges, withoutAddedMembers } from './nested-members.js';
import { isCompatibleTypeChange, isSameType } from './type-text.js';

/** No direction of its own: a removed member breaks the old workers, the other changes break the new ones. */
export const INCOMPATIBLE_PARAM_CHANGE = {
  id: 'no-incompatible-param-change',
  needsBaseline: true,
  messages: {
    removedParam:
      "Job '{{job}}' drops parameter '{{param}}', which old workers ({{baseline}}) require: they run jobs from this code without it. Step 1: make it optional in the handler and keep passing it; step 2, once that is deployed: stop passing it and remove it.",
    reorderedParam:
      "Parameter '{{param}}' of job '{{job}}' moves from position {{previousPosition}} to {{currentPosition}}: jobs of either version reach the other's workers with arguments in the wrong places. Keep the deployed order ({{previousOrder}}) and add parameters at the end; to reorder, add a new job and move the enqueuers to it in a later deploy.",
    typeChanged:
      "The {{kind}} '{{param}}' of job '{{job}}' changes from '{{previousType}}' to '{{currentType}}', rejecting values queued jobs still hold{{example}}. Accept both for one deploy ('{{widened}}'), and narrow it once no deployed enqueuer ({{baseline}}) sends the old type.{{drain}}",
    removedField:
      "Job '{{job}}' no longer has payload field '{{param}}', which old workers ({{baseline}}) require: they read it as undefined. Step 1: make it optional, stop reading it and keep sending it; step 2, once that is deployed: stop sending it and remove it.",
    renamedField:
      "Field '{{param}}' of job '{{job}}' is renamed '{{newName}}': old workers read '{{param}}'; jobs from {{baseline}} lack '{{newName}}'. Rename it in three deploys: (1) add '{{newName}}' as optional, send both and read '{{newName}} ?? {{param}}'; (2) require '{{newName}}' and make '{{param}}' optional; (3) stop sending '{{param}}' and remove it.{{drain}}",
    omitsDeployedField:
      "This enqueues job '{{job}}' without field(s) {{missing}}, which old workers ({{baseline}}) require: they read them as undefined. Keep sending them until the release that made them optional is deployed; stop in a later one.",
    omitsDeployedParam:
      "This enqueues job '{{job}}' without argument(s) {{missing}}, which old workers ({{baseline}}) require: they run it without them. Keep passing them until the release that made them optional is deployed; stop in a later one.",
    sendsRejectedValue:
      "This enqueues job '{{job}}' with {{member}} {{value}}, which old workers ({{baseline}}) do not accept. They type it '{{previousType}}': release the wider type first, and send the new value from a later release.",
    payloadStyleChanged:
      "Job '{{job}}' switches from {{previousStyle}} to {{currentStyle}}: jobs queued by either version do not fit the other version's handler. Add a new job with the new signature, move the enqueuers to it in a later deploy, and delete this one once nothing deployed ({{baseline}}) enqueues it.",
  },
  run: checkParamChanges,
} as const satisfies CheckDescriptor;

function checkParamChanges(context: CompareContext): Finding[] {
  const findings: Finding[] = [];
  forEachJobPair(context.previous, context.current, (pair) => {
    const pairing = pairMembers(pair);
    if (!pairing) {
      if (pair.previous.style !== pair.current.style && !isPayloadUnread(pair.previous) && !isPayloadUnread(pair.current)) findings.push(getStyleChange(pair, context));
      return;
    }
    findings.push(...getRemovedMembers(pair, pairing, context), ...getReorderedParams(pair, pairing, context), ...getTypeChanges(pair, pairing, context));
  });
  for (const { site, current, missing } of getSitesOmittingDeployedMembers(context)) {
    findings.push(
      makeFinding(INCOMPATIBLE_PARAM_CHANGE, {
        messageId: current.style === 'payload' ? 'omitsDeployedField' : 'omitsDeployedParam',
        job: current,
        direction: 'new-payload-to-old-worker',
        at: site.location,
        data: { missing: missing.map((name) => `'${name}'`).join(', '), baseline: context.baselineLabel },
      }),
    );
  }
  for (const { site, current, member, value, previousType } of getSitesSendingRejectedValues(context)) {
    findings.push(
      makeFinding(INCOMPATIBLE_PARAM_CHANGE, {
        messageId: 'sendsRejectedValue',
        job: current,
        direction: 'new-payload-to-old-worker',
        at: site.location,
        data: { member: `${current.style === 'payload' ? 'field' : 'argument'} '${member}' =`, value: formatLiteral(value), previousType, baseline: context.baselineLabel },
      }),
    );
  }
  return findings;
}

/** A literal value as the call writes it: `null`, `"pdf"`, `new Date()`, a template string. */
function formatLiteral(shape: TypeShape): string {
  if (shape.k === 'lit') return JSON.stringify(shape.value);
  if (shape.k === 'ref') return `new ${shape.name}()`;
  return shape.k === 'prim' && shape.name === 'string' ? 'a template string' : 'null';
}

/**
 * A handler read as positional whose one parameter may well be the object payload, with a type
 * this reading did not resolve to fields (`({ id }: A | B)`, a package's type): whether its
 * style changed is unknown, never a finding.
 */
function isPayloadUnread(job: JobContract): boolean {
  if (job.style !== 'positional' || job.params.length !== 1) return false;
  const [param] = job.params;
  return param!.optionality !== 'rest' && mayBeObject(param!.shape);
}

function mayBeObject(shape: TypeShape | undefined, depth = 0): boolean {
  if (!shape || depth > 8) return true;
  switch (shape.k) {
    case 'prim':
      return shape.name === 'object';
    case 'lit':
    case 'array':
    case 'tuple':
      return false;
    case 'union':
      return shape.of.some((member) => mayBeObject(member, depth + 1));
    default:
      return true;
  }
}

function getStyleChange(pair: JobPair, context: CompareContext): Finding {
  const describe = (style: string) => (style === 'payload' ? 'one object payload' : 'positional arguments');
  return makeFinding(INCOMPATIBLE_PARAM_CHANGE, {
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
      makeFinding(INCOMPATIBLE_PARAM_CHANGE, {
        messageId: renamedTo ? 'renamedField' : pair.current.style === 'payload' ? 'removedField' : 'removedParam',
        job: pair.current,
        direction: 'new-payload-to-old-worker',
        at: renamedTo ? { file: renamedTo.current.file, span: renamedTo.current.span } : pair.current.location,
        data: { param: previous.name, newName: renamedTo?.current.name ?? '', baseline: context.baselineLabel },
      }),
    );
  }
  for (const { previous, current } of pairing.pairs) {
    if (!previous?.shape || !current.shape) continue;
    for (const removed of getNestedChanges(current.name, previous.shape, current.shape).removed) {
      if (removed.optional) continue;
      findings.push(
        makeFinding(INCOMPATIBLE_PARAM_CHANGE, {
          messageId: 'removedField',
          job: pair.current,
          direction: 'new-payload-to-old-worker',
          at: { file: current.file, span: current.span },
          data: { param: removed.path, newName: '', baseline: context.baselineLabel },
        }),
      );
    }
  }
  return findings;
}

/** A positional parameter at another position: each version's data lands in the other's variable. */
function getReorderedParams(pair: JobPair, pairing: MemberPairing, context: CompareContext): Finding[] {
  if (pair.current.style !== 'positional') return [];
  return pairing.pairs
    .filter((member) => member.previous && member.previousIndex !== member.currentIndex)
    .map((member) =>
      makeFinding(INCOMPATIBLE_PARAM_CHANGE, {
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
    if (!previous?.type || !current.type) continue;
    // Snapshots of older versions carry no shapes: their types are compared as text.
    // Nested fields added since the baseline are reported as fields (no-new-required-param), not as a retyped parent.
    const shapes = previous.shape && current.shape ? { previous: previous.shape, current: withoutAddedMembers(previous.shape, current.shape) } : undefined;
    const verdict = shapes ? isAssignable(shapes.previous, shapes.current) : isCompatibleTypeChange(previous.type, current.type);
    // Unknown (a type this model cannot evaluate) is no finding, like a compatible change.
    if (verdict !== false) continue;
    const example = shapes && getRejectedExample(shapes.previous, shapes.current);
    // A pure narrowing is undone by keeping the old type; otherwise the transitional type is the union of both.
    const keepsOld = shapes !== undefined && isAssignable(shapes.current, shapes.previous) === true;
    findings.push(
      makeFinding(INCOMPATIBLE_PARAM_CHANGE, {
        messageId: 'typeChanged',
        job: pair.current,
        direction: 'old-payload-to-new-worker',
        at: { file: current.file, span: current.span },
        data: {
          param: current.name,
          kind: getMemberKind(pair.current),
          previousType: previous.type,
          currentType: current.type,
          example: example === undefined ? '' : ` (for example ${example})`,
          widened: keepsOld ? previous.type : `${previous.type} | ${current.type}`,
          baseline: context.baselineLabel,
        },
      }),
    );
  }
  return findings;
}
