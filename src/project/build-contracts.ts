import { isJobBaseName, type JobPattern } from '../adapters/job-pattern.js';
import type { ContractSet, EnqueueSite, JobContract, MemberContract } from '../model/contract.js';
import type { FileFacts, HandlerFact } from '../model/facts.js';
import { isRelativeSpecifier } from './module-paths.js';
import { type ClassRef, ProjectResolver, type ResolvedClass } from './resolver.js';

/** Superclass chains longer than this are cycles or generated code; stop following them. */
const MAX_CHAIN = 32;

export function buildContractSet(files: ReadonlyMap<string, FileFacts>, pattern: JobPattern): ContractSet {
  const resolver = new ProjectResolver(files);
  const jobs = new Map<string, JobContract>();
  for (const [file, facts] of files) {
    for (const cls of facts.classes) {
      const job = getJobContract({ file, cls }, resolver, pattern);
      // Two classes with one wire name: the first stays, as a queue would pick one handler.
      if (job && !jobs.has(job.wireName)) jobs.set(job.wireName, job);
    }
  }
  const sites: EnqueueSite[] = [];
  for (const [file, facts] of files) {
    for (const enqueue of facts.enqueues) {
      const wireName = getEnqueuedClassName(file, enqueue.callee, facts, resolver, jobs);
      if (wireName) {
        sites.push({ wireName, nameSource: 'class', method: enqueue.method, args: enqueue.args, location: { file, span: enqueue.span } });
      }
    }
  }
  return { jobs, sites };
}

/**
 * The wire name a class-based enqueue call names: a job class of the project, or a class
 * imported from a project module that no longer declares it (a deleted job still enqueued).
 * Calls on anything else (a queue object, a class from a package) are not enqueue sites.
 */
function getEnqueuedClassName(
  file: string,
  callee: string,
  facts: FileFacts,
  resolver: ProjectResolver,
  jobs: Map<string, JobContract>,
): string | undefined {
  const target = resolver.resolveClass(file, callee);
  if ('cls' in target) return jobs.has(target.cls.name) ? target.cls.name : undefined;
  const binding = facts.imports[callee];
  return binding && isRelativeSpecifier(binding.source) && binding.imported !== 'default' ? binding.imported : undefined;
}

function getJobContract(start: ResolvedClass, resolver: ProjectResolver, pattern: JobPattern): JobContract | undefined {
  if (start.cls.isAbstract || !start.cls.superClass) return undefined;
  let handler: { file: string; fact: HandlerFact } | undefined;
  let queue = start.cls.queue;
  let reachesBase = false;
  let current: ClassRef = start;
  const seen = new Set<ClassFact>();
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    if (!('cls' in current)) {
      reachesBase ||= isJobBaseName(current.external, pattern);
      break;
    }
    if (seen.has(current.cls)) break;
    seen.add(current.cls);
    if (current !== start) reachesBase ||= isJobBaseName(current.cls.name, pattern);
    handler ??= pickHandler(current.file, current.cls.handlers);
    queue ??= current.cls.queue;
    if (!current.cls.superClass) break;
    current = resolver.resolveClass(current.file, current.cls.superClass);
  }
  if (!reachesBase || !handler) return undefined;
  const contract: JobContract = {
    wireName: start.cls.name,
    location: { file: start.file, span: start.cls.span },
    handler: handler.fact.method,
    style: 'positional',
    params: handler.fact.params.map((param) => ({ ...param, file: handler.file })),
    fields: [],
  };
  if (queue !== undefined) contract.queue = queue;
  const fields = getPayloadFields(handler.file, handler.fact, resolver);
  if (fields) {
    contract.style = 'payload';
    contract.fields = fields;
  }
  return contract;
}

type ClassFact = ResolvedClass['cls'];

function pickHandler(file: string, handlers: HandlerFact[]): { file: string; fact: HandlerFact } | undefined {
  const fact = handlers[0];
  return fact ? { file, fact } : undefined;
}

function getPayloadFields(file: string, handler: HandlerFact, resolver: ProjectResolver): MemberContract[] | undefined {
  const payload = handler.payload;
  if (!payload) return undefined;
  if ('inline' in payload) return payload.inline.map((field) => ({ ...field, file }));
  const resolved = resolver.resolveType(file, payload.ref.name);
  return resolved?.decl.fields.map((field) => ({ ...field, file: resolved.file }));
}
