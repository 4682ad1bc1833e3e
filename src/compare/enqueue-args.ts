import { isJavaScriptPath } from '../model/paths.js';
import type { ContractSet, EnqueueSite, JobContract } from '../model/contract.js';
import type { Finding } from '../model/finding.js';
import { makeFinding } from './findings.js';

export const ENQUEUE_ARGS_MATCH = 'enqueue-args-match';

/**
 * Current enqueue sites that send less than the current handler requires, where the type
 * checker cannot see the mismatch: jobs named by string, and JavaScript files.
 */
export function checkEnqueueArgs(current: ContractSet): Finding[] {
  const findings: Finding[] = [];
  for (const site of current.sites) {
    const job = current.jobs.get(site.wireName);
    if (!job || site.args.hasSpread || !isInvisibleToTypeChecker(site)) continue;
    const finding = job.style === 'payload' ? getMissingFields(site, job) : getMissingArguments(site, job);
    if (finding) findings.push(finding);
  }
  return findings;
}

function isInvisibleToTypeChecker(site: EnqueueSite): boolean {
  return site.nameSource === 'string' || isJavaScriptPath(site.location.file);
}

function getMissingArguments(site: EnqueueSite, job: JobContract): Finding | undefined {
  const required = job.params.reduce((count, param, index) => (param.optionality === 'required' ? index + 1 : count), 0);
  if (site.args.count >= required) return undefined;
  return makeFinding({
    rule: ENQUEUE_ARGS_MATCH,
    messageId: 'missingArguments',
    job,
    direction: 'new-payload-to-old-worker',
    at: site.location,
    data: {
      count: String(site.args.count),
      required: String(required),
      missing: job.params.slice(site.args.count, required).map((param) => param.name).join(', '),
    },
  });
}

function getMissingFields(site: EnqueueSite, job: JobContract): Finding | undefined {
  const keys = site.args.objectKeys;
  if (!keys) return undefined;
  const missing = job.fields.filter((field) => field.optionality === 'required' && !keys.includes(field.name));
  if (missing.length === 0) return undefined;
  return makeFinding({
    rule: ENQUEUE_ARGS_MATCH,
    messageId: 'missingFields',
    job,
    direction: 'new-payload-to-old-worker',
    at: site.location,
    data: { missing: missing.map((field) => field.name).join(', ') },
  });
}
