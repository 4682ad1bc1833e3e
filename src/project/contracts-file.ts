/**
 * A version's contracts as the cache folder keeps them (JSON), and back. Reading checks the
 * members every comparison takes for granted: anything else is built again, never compared.
 */
import { type ContractSet, type DispatcherContract, type EnqueueSite, getJobKey, type JobContract } from '../model/contract.js';

export interface ContractsBody {
  jobs: JobContract[];
  sites: EnqueueSite[];
  dispatchers?: DispatcherContract[];
  unreadable: Array<[string, string]>;
}

export function toContractsBody(set: ContractSet): ContractsBody {
  const body: ContractsBody = { jobs: [...set.jobs.values()], sites: set.sites, unreadable: [...(set.unreadable ?? [])] };
  if (set.dispatchers) body.dispatchers = set.dispatchers;
  return body;
}

/** Contracts as toContractsBody wrote them; undefined for anything else. */
export function toContractSet(value: unknown): ContractSet | undefined {
  const body = value as { jobs?: unknown; sites?: unknown; dispatchers?: unknown; unreadable?: unknown } | null;
  if (!body || !Array.isArray(body.jobs) || !Array.isArray(body.sites) || !Array.isArray(body.unreadable)) return undefined;
  if (body.dispatchers !== undefined && !Array.isArray(body.dispatchers)) return undefined;
  const isLocated = (entry: { location?: { file?: unknown; span?: { range?: unknown } } }) => typeof entry?.location?.file === 'string' && Array.isArray(entry.location.span?.range);
  const isNamed = (entry: { wireName?: unknown }) => typeof entry?.wireName === 'string';
  const jobs = body.jobs as JobContract[];
  const sites = body.sites as EnqueueSite[];
  const dispatchers = body.dispatchers as DispatcherContract[] | undefined;
  if (!jobs.every((job) => isNamed(job) && isLocated(job) && Array.isArray(job.params) && Array.isArray(job.fields))) return undefined;
  if (!sites.every((site) => isNamed(site) && isLocated(site) && typeof site.args?.count === 'number')) return undefined;
  if (dispatchers && !dispatchers.every((dispatcher) => isLocated(dispatcher) && Array.isArray(dispatcher.names))) return undefined;
  if (!isPairs(body.unreadable)) return undefined;
  const set: ContractSet = { jobs: new Map(jobs.map((job) => [getJobKey(job), job])), sites };
  if (dispatchers) set.dispatchers = dispatchers;
  if (body.unreadable.length > 0) set.unreadable = new Map(body.unreadable);
  return set;
}

/** An array of [string, string] pairs (a Map as JSON). */
export function isPairs(value: unknown): value is Array<[string, string]> {
  return Array.isArray(value) && value.every((entry) => Array.isArray(entry) && entry.length === 2 && entry.every((part) => typeof part === 'string'));
}
