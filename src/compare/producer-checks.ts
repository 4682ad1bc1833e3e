/**
 * Enqueue sites of this version checked against the deployed handler (new payload → old
 * worker): during the deploy, old workers run the jobs this code enqueues. A site that is new
 * or changed since the baseline and omits a field or parameter the deployed handler requires,
 * and that the current handler keeps as optional, breaks those workers: making a field optional and adding a producer
 * that omits it in one release is the classic case.
 */
import { type EnqueueSite, findJob, type JobContract } from '../model/contract.js';
import type { CompareContext } from './context.js';
import { getSitesOfJob } from './pairs.js';

export interface OmittedMembers {
  site: EnqueueSite;
  previous: JobContract;
  current: JobContract;
  missing: string[];
}

export function getSitesOmittingDeployedMembers(context: CompareContext): OmittedMembers[] {
  const deployedSitesOf = getSitesOfJob(context.previous.sites);
  const found: OmittedMembers[] = [];
  for (const site of context.current.sites) {
    if (site.args.hasSpread) continue;
    const previous = findJob(context.previous.jobs, site);
    const current = findJob(context.current.jobs, site);
    if (!previous || !current || previous.style !== current.style) continue;
    if (deployedSitesOf(previous).some((deployed) => isSameCall(deployed, site))) continue;
    // A member the current handler still requires is enqueue-args-match's; one it removed is reported once, on the job (removedField).
    const missing = getMissing(site, previous).filter((name) => isOptionalNow(current, name));
    if (missing.length > 0) found.push({ site, previous, current, missing });
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

function isOptionalNow(job: JobContract, name: string): boolean {
  const members = job.style === 'payload' ? job.fields : job.params;
  return members.some((member) => member.name === name && member.optionality !== 'required');
}

/** A deployed call that this one is, unchanged: same file, same method, the same arguments as far as they are read. */
export function isSameCall(deployed: EnqueueSite, site: EnqueueSite): boolean {
  const keys = (entry: EnqueueSite) => (entry.args.objectKeys ? [...entry.args.objectKeys].sort().join('\0') : undefined);
  return deployed.location.file === site.location.file && deployed.method === site.method && deployed.args.count === site.args.count && keys(deployed) === keys(site);
}
