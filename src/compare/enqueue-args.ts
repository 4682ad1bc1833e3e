import { isJavaScriptPath } from '../model/paths.js';
import { type ContractSet, type EnqueueSite, findJob, type JobContract } from '../model/contract.js';
import type { Finding } from '../model/finding.js';
import type { CheckDescriptor } from './descriptor.js';
import { makeFinding } from './findings.js';

export const ENQUEUE_ARGS_MATCH = {
  id: 'enqueue-args-match',
  needsBaseline: false,
  direction: 'new-payload-to-old-worker',
  messages: {
    missingArguments:
      "This enqueues job '{{job}}' with {{count}} argument(s), but its handler requires {{required}}: the worker runs it with {{missing}} undefined. Pass them here, or make them optional in the handler.",
    missingFields:
      "This enqueues job '{{job}}' without the required payload field(s) {{missing}}: the worker reads them as undefined. Send them here, or make them optional in the payload type.",
  },
  run: checkEnqueueArgs,
} as const satisfies CheckDescriptor;

/**
 * Current enqueue sites that send less than the current handler requires, where the type
 * checker cannot see the mismatch: jobs named by string, and JavaScript files.
 */
function checkEnqueueArgs(current: ContractSet): Finding[] {
  const findings: Finding[] = [];
  for (const site of current.sites) {
    const job = findJob(current.jobs, site);
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
  return makeFinding(ENQUEUE_ARGS_MATCH, {
    messageId: 'missingArguments',
    job,
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
  return makeFinding(ENQUEUE_ARGS_MATCH, {
    messageId: 'missingFields',
    job,
    at: site.location,
    data: { missing: missing.map((field) => field.name).join(', ') },
  });
}
