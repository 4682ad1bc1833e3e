/**
 * Payload values that do not survive the queue's encoding: a handler typed to receive a `Date`
 * gets an ISO string from a JSON queue, a `Map` arrives as `{}`, a `bigint` makes the enqueue
 * throw. Needs no baseline: every version breaks the same way. Sidekiq 7's `strict_args!` checks
 * this at run time; here the payload types and the values written at enqueue sites are read.
 */
import { type ContractSet, type EnqueueSite, findJob, type JobContract, type MemberContract } from '../model/contract.js';
import { type Encoding, getLostTypes, type LostType } from '../model/encodings.js';
import type { BuiltinValueFact } from '../model/facts.js';
import type { Finding } from '../model/finding.js';
import { isJavaScriptPath } from '../model/paths.js';
import type { TypeShape } from '../model/type-shape.js';
import type { CheckDescriptor } from './descriptor.js';
import { getMemberKind, makeFinding } from './findings.js';

export const UNSERIALIZABLE_PAYLOAD = {
  id: 'no-unserializable-payload',
  needsBaseline: false,
  direction: 'new-payload-to-old-worker',
  messages: {
    lostMember:
      "Job '{{job}}' {{kind}} `{{member}}` is typed `{{type}}`, but the queue encodes it as {{encoding}}: the worker receives {{arrives}}.{{use}} Type it as what arrives and convert it in the handler, or convert it where the job is enqueued.",
    unencodableMember:
      "Job '{{job}}' {{kind}} `{{member}}` is typed `{{type}}`, which {{encoding}} cannot encode: {{arrives}}. Send it as a string and convert it back in the handler.",
    lostValue:
      "This passes {{type}} as `{{member}}` of job '{{job}}', but the queue encodes it as {{encoding}}: the worker receives {{arrives}}.{{use}} Convert it here, and back in the handler.",
    unencodableValue: "This passes {{type}} as `{{member}}` of job '{{job}}', which {{encoding}} cannot encode: {{arrives}}. Send it as a string.",
  },
  run: checkUnserializablePayloads,
} as const satisfies CheckDescriptor;

/** no-unserializable-payload's options. */
export interface UnserializablePayloadOptions {
  /** Type names a serializer of the app's own keeps (a superjson layer): `['Date', 'Map']`. */
  allow?: string[];
  /**
   * `used` (the default): a Date is reported where the handler calls a Date method on it; a Date
   * it passes on or parses arrives as a string harmlessly. `all`: every Date, as strict does.
   */
  dates?: 'used' | 'all';
}

/** Whether the rule's options leave a finding of the check out: a type a custom serializer handles, or a Date the handler never uses as one. */
export function isUnserializableAllowed(finding: Finding, options: UnserializablePayloadOptions): boolean {
  if ((options.allow ?? []).includes(finding.data.typeName ?? '')) return true;
  return finding.data.typeName === 'Date' && finding.data.dateUsed !== 'true' && (options.dates ?? 'used') === 'used';
}

const ENCODING_NAMES: Record<Encoding, string> = { json: 'JSON', bson: 'BSON' };

function checkUnserializablePayloads(current: ContractSet): Finding[] {
  const findings = new Map<string, Finding>();
  const add = (finding: Finding) => {
    // A payload type shared by several jobs is reported once: for the first job whose handler uses the Date as one, else the first job.
    const key = `${finding.file}:${finding.span.range.join(':')}:${finding.data.member}:${finding.data.typeName}`;
    const known = findings.get(key);
    if (!known || (known.data.dateUsed === 'false' && finding.data.dateUsed === 'true')) findings.set(key, finding);
  };
  const jobs = [...current.jobs.values()].sort((a, b) => a.wireName.localeCompare(b.wireName));
  for (const job of jobs) {
    const encoding = getEncoding(job);
    if (!encoding || job.membersUnknown) continue;
    for (const member of job.style === 'payload' ? job.fields : job.params) {
      if (!member.shape) continue;
      for (const lost of getLostTypes(member.shape, encoding)) add(getMemberFinding(job, member, lost, encoding));
    }
  }
  for (const site of current.sites) {
    const job = findJob(current.jobs, site);
    const encoding = job && getEncoding(job);
    if (!job || !encoding || job.membersUnknown) continue;
    for (const value of site.args.builtins ?? []) {
      if (!isTypeBlind(site, job, value.key)) continue;
      for (const lost of getLostTypes(value.shape, encoding)) add(getValueFinding(site, job, value, lost, encoding));
    }
  }
  return [...findings.values()];
}

function getEncoding(job: JobContract): Encoding | undefined {
  return job.serialization === 'json' || job.serialization === 'bson' ? job.serialization : undefined;
}

function getMemberFinding(job: JobContract, member: MemberContract, lost: LostType, encoding: Encoding): Finding {
  const path = joinPath(member.name, lost.path);
  return makeFinding(UNSERIALIZABLE_PAYLOAD, {
    messageId: lost.failsAtEnqueue ? 'unencodableMember' : 'lostMember',
    job,
    at: { file: member.file, span: member.span },
    data: { kind: getMemberKind(job), member: path, type: lost.type, typeName: lost.name, arrives: lost.arrives, encoding: ENCODING_NAMES[encoding], ...getUseData(job, path, lost) },
  });
}

/**
 * Whether the handler calls a Date method on the member (`job.data.sentAt.getTime()`): the
 * evidence that a Date arriving as a string breaks it, said in the message.
 */
function getUseData(job: JobContract, path: string, lost: LostType): { use: string; dateUsed?: 'true' | 'false' } {
  if (lost.name !== 'Date') return { use: '' };
  const member = path.replace(/\[[^\]]*\]/g, '');
  const use = job.dateUses?.find((each) => {
    const value = each.slice(0, each.lastIndexOf('.'));
    return value === member || value.endsWith(`.${member}`);
  });
  return use ? { use: ` Then \`${use}()\` in the handler throws.`, dateUsed: 'true' } : { use: '', dateUsed: 'false' };
}

function getValueFinding(site: EnqueueSite, job: JobContract, value: BuiltinValueFact, lost: LostType, encoding: Encoding): Finding {
  const member = value.key.startsWith('#') ? (job.params[Number(value.key.slice(1))]?.name ?? `argument ${Number(value.key.slice(1)) + 1}`) : value.key;
  return makeFinding(UNSERIALIZABLE_PAYLOAD, {
    messageId: lost.failsAtEnqueue ? 'unencodableValue' : 'lostValue',
    job,
    at: { file: site.location.file, span: value.span },
    data: { member, type: describeValue(lost), typeName: lost.name, arrives: lost.arrives, encoding: ENCODING_NAMES[encoding], ...getUseData(job, member, lost) },
  });
}

/** `a Date`, `a Map`, `a bigint`, `a function`. */
function describeValue(lost: LostType): string {
  return lost.type.startsWith('a ') ? lost.type : `a ${lost.type}`;
}

function joinPath(name: string, path: string): string {
  return path === '' || path.startsWith('[') ? `${name}${path}` : `${name}.${path}`;
}

/**
 * Whether the type checker cannot see what a value written at a site turns into: the call is in
 * JavaScript, or the job's member it fills declares no type, or `any` or `unknown`. A member typed
 * `Date` is reported on the member itself; a key the job does not declare is not read by it.
 */
function isTypeBlind(site: EnqueueSite, job: JobContract, key: string): boolean {
  if (isJavaScriptPath(site.location.file)) return true;
  const [name, ...rest] = key.startsWith('#') ? [key] : key.split('.');
  const member = name!.startsWith('#') ? (job.style === 'positional' ? job.params[Number(name!.slice(1))] : undefined) : job.style === 'payload' ? job.fields.find((field) => field.name === name) : undefined;
  if (!member) return false;
  if (member.type === undefined) return true;
  let shape: TypeShape | undefined = member.shape;
  for (const part of rest) {
    if (shape?.k === 'record') shape = shape.value;
    else if (shape?.k === 'object' && Object.hasOwn(shape.fields, part)) shape = shape.fields[part]!.type;
    else break;
  }
  return shape?.k === 'any' || shape?.k === 'unknown';
}
