/**
 * Enqueue sites of this version checked against the deployed handler (new payload → old
 * worker): during the deploy, old workers run the jobs this code enqueues. A site that is new
 * or changed since the baseline and omits a field or parameter the deployed handler requires,
 * and that the current handler keeps as optional, breaks those workers: making a field optional and adding a producer
 * that omits it in one release is the classic case.
 */
import { type EnqueueSite, findJob, type JobContract } from '../model/contract.js';
import type { CompareContext } from './context.js';
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

/**
 * Whether a current site is a call the deployed version already made, unchanged: a deployed site
 * of the same name in the same file, by the same method, with the same arguments as far as they are read.
 */
export function getDeployedCallTest(deployedSites: EnqueueSite[]): (site: EnqueueSite) => boolean {
  const byName = groupBy(deployedSites, (site) => site.wireName);
  const keys = (entry: EnqueueSite) => (entry.args.objectKeys ? [...entry.args.objectKeys].sort().join('\0') : undefined);
  return (site) =>
    (byName.get(site.wireName) ?? []).some(
      (deployed) => deployed.location.file === site.location.file && deployed.method === site.method && deployed.args.count === site.args.count && keys(deployed) === keys(site),
    );
}
