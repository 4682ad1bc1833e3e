/**
 * Enqueue sites of this version checked against the deployed handler (new payload → old
 * worker): during the deploy, old workers run the jobs this code enqueues. A site that is new
 * or changed since the baseline and omits a field or parameter the deployed handler requires,
 * and that the current handler keeps as optional, breaks those workers: making a field optional and adding a producer
 * that omits it in one release is the classic case.
 */
import { type EnqueueSite, findJob, type JobContract } from '../model/contract.js';
import type { CompareContext } from './context.js';
import { isAssignable, type TypeShape } from '../model/type-shape.js';
import { getSingleObject } from './nested-members.js';
import { groupBy } from '../util/group-by.js';

export interface OmittedMembers {
  site: EnqueueSite;
  previous: JobContract;
  current: JobContract;
  missing: string[];
}

export function getSitesOmittingDeployedMembers(context: CompareContext): OmittedMembers[] {
  const wasDeployed = getDeployedCallTest(context.previous.sites);
  const found: OmittedMembers[] = [];
  for (const site of context.current.sites) {
    if (site.args.hasSpread) continue;
    const previous = findJob(context.previous.jobs, site);
    const current = findJob(context.current.jobs, site);
    if (!previous || !current || previous.style !== current.style || wasDeployed(site)) continue;
    // A member the current handler still requires is enqueue-args-match's; one it removed is reported once, on the job (removedField).
    const missing = [...getMissing(site, previous).filter((name) => isOptionalNow(current, name)), ...getMissingNested(site, previous, current)];
    if (missing.length > 0) found.push({ site, previous, current, missing });
  }
  return found;
}

export interface RejectedValue {
  site: EnqueueSite;
  current: JobContract;
  /** The field, or the parameter, as the deployed handler names it. */
  member: string;
  value: TypeShape;
  previousType: string;
}

/**
 * Values a new or changed site writes as literals (`senderId: null`, `format: 'pdf'`) that the
 * deployed handler's type of that member does not accept: a widening released together with the
 * first producer of the new values breaks the old workers that still run during the deploy.
 */
export function getSitesSendingRejectedValues(context: CompareContext): RejectedValue[] {
  const wasDeployed = getDeployedCallTest(context.previous.sites);
  const deployedValues = getDeployedLiterals(context.previous.sites);
  const found: RejectedValue[] = [];
  for (const site of context.current.sites) {
    const literals = site.args.literals;
    if (!literals || site.args.hasSpread) continue;
    const previous = findJob(context.previous.jobs, site);
    const current = findJob(context.current.jobs, site);
    if (!previous || !current || previous.membersUnknown || previous.style !== current.style || wasDeployed(site)) continue;
    const members = previous.style === 'payload' ? previous.fields.map((field) => [field.name, field] as const) : previous.params.map((param, index) => [`#${index}`, param] as const);
    for (const [key, member] of members) {
      const value = Object.hasOwn(literals, key) ? literals[key]! : undefined;
      // A global type (`Date`) travels as JSON text: whether a string is a fit there is the handler's business, not the wire's.
      if (!value || !member.shape || !member.type || hasGlobalType(member.shape) || isAssignable(value, member.shape) !== false) continue;
      // The deployed version sends that value already: it is no new value for the old workers.
      if (deployedValues.has(`${site.wireName}\0${key}\0${JSON.stringify(value)}`)) continue;
      found.push({ site, current, member: member.name, value, previousType: member.type });
    }
  }
  return found;
}

/** The members the deployed handler requires that the site does not pass (none when its arguments cannot be read). */
function getMissing(site: EnqueueSite, previous: JobContract): string[] {
  if (previous.style === 'payload') {
    const keys = site.args.objectKeys;
    return keys ? previous.fields.filter((field) => field.optionality === 'required' && !keys.includes(field.name)).map((field) => field.name) : [];
  }
  return previous.params.filter((param, index) => param.optionality === 'required' && index >= site.args.count).map((param) => param.name);
}

/**
 * Required members of objects nested in the deployed payload (`payload.traceId`) that an object
 * literal of the site leaves out, where the current payload no longer requires them there (a
 * union that now also takes another shape, a member made optional).
 */
function getMissingNested(site: EnqueueSite, previous: JobContract, current: JobContract): string[] {
  const nested = site.args.nestedKeys;
  if (!nested || previous.style !== 'payload') return [];
  const missing: string[] = [];
  for (const [path, keys] of Object.entries(nested)) {
    const deployed = getObjectAt(previous.fields, path);
    if (!deployed) continue;
    for (const [name, member] of Object.entries(deployed.fields)) {
      if (member.optional || keys.includes(name)) continue;
      const now = getObjectAt(current.fields, path);
      if (now && Object.hasOwn(now.fields, name) && !now.fields[name]!.optional) continue;
      missing.push(`${path}.${name}`);
    }
  }
  return missing;
}

/** The object type a payload holds at a dotted path, where each step is one object (or one object or null). */
function getObjectAt(fields: JobContract['fields'], path: string): Extract<TypeShape, { k: 'object' }> | undefined {
  const [head, ...rest] = path.split('.');
  let shape = fields.find((field) => field.name === head)?.shape;
  for (const key of ['', ...rest]) {
    const object = shape && getSingleObject(shape);
    if (!object) return undefined;
    if (key === '') {
      shape = object;
      continue;
    }
    shape = Object.hasOwn(object.fields, key) ? object.fields[key]!.type : undefined;
  }
  return shape && getSingleObject(shape);
}

function isOptionalNow(job: JobContract, name: string): boolean {
  const members = job.style === 'payload' ? job.fields : job.params;
  return members.some((member) => member.name === name && member.optionality !== 'required');
}

/**
 * Whether a current site is a call the deployed version already made, unchanged: a deployed site
 * of the same name in the same file, by the same method, with the same arguments as far as they are read.
 */
export function getDeployedCallTest(deployedSites: EnqueueSite[]): (site: EnqueueSite) => boolean {
  const byName = groupBy(deployedSites, (site) => site.wireName);
  // The keys of nested object literals count too: `{ payload: { traceIds } }` is another call than `{ payload: { traceId } }`.
  // So do the values written as literals: `{ senderId: null }` is another call than `{ senderId: user.id }`.
  const keys = (entry: EnqueueSite) =>
    (entry.args.objectKeys
      ? [...entry.args.objectKeys].sort().join('\0') + Object.entries(entry.args.nestedKeys ?? {}).map(([path, nested]) => `\n${path}:${[...nested].sort().join('\0')}`).sort().join('')
      : '') + getLiteralsKey(entry);
  return (site) =>
    (byName.get(site.wireName) ?? []).some(
      (deployed) => deployed.location.file === site.location.file && deployed.method === site.method && deployed.args.count === site.args.count && keys(deployed) === keys(site),
    );
}

function getLiteralsKey(site: EnqueueSite): string {
  const literals = site.args.literals;
  return literals ? Object.keys(literals).sort().map((key) => `\n${key}=${JSON.stringify(literals[key])}`).join('') : '';
}

/** Every literal value a deployed site sends, as `wire name \0 member key \0 value`. */
function getDeployedLiterals(sites: EnqueueSite[]): Set<string> {
  const values = new Set<string>();
  for (const site of sites) {
    for (const [key, value] of Object.entries(site.args.literals ?? {})) values.add(`${site.wireName}\0${key}\0${JSON.stringify(value)}`);
  }
  return values;
}

function hasGlobalType(shape: TypeShape, depth = 0): boolean {
  if (depth > 8) return true;
  switch (shape.k) {
    case 'ref':
      return true;
    case 'union':
    case 'tuple':
      return shape.of.some((member) => hasGlobalType(member, depth + 1));
    case 'array':
      return hasGlobalType(shape.of, depth + 1);
    default:
      return false;
  }
}
