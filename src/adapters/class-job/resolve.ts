/**
 * Job classes across files: a class is a job when its superclass chain reaches a base class of
 * an enabled configuration and some class of the chain has a handler method. Calls on a job
 * class (or on a class imported from a module that no longer declares it) are its enqueue sites.
 */
import type { EnqueueSite, JobContract } from '../../model/contract.js';
import type { ClassFact, EnqueueFact, FileFacts, HandlerFact, NameRef, PayloadSource } from '../../model/facts.js';
import type { ClassRef, ProjectResolver, ResolvedClass } from '../../resolve/resolver.js';
import type { ResolveContext } from '../kind.js';
import { setSignature } from '../shared/contracts.js';
import type { ClassJobConfig, StaticSource } from './config.js';
import { getOwn } from '../../model/records.js';

/** Superclass chains longer than this are cycles or generated code; stop following them. */
const MAX_CHAIN = 32;

/** The wire name of each job class of the build. */
function getClassJobs(context: ResolveContext): Map<ClassFact, string> {
  return context.memo('class-job.classes', () => new Map<ClassFact, string>());
}

export function defineClassJobs(file: string, facts: FileFacts, configs: readonly ClassJobConfig[], context: ResolveContext): void {
  for (const cls of facts.classes) {
    const start = { file, cls };
    for (const config of configs) {
      if (!context.isEnabled(file, config.name)) continue;
      const job = getClassJobContract(start, context.resolver, config);
      if (!job) continue;
      if (context.addJob(job)) getClassJobs(context).set(cls, job.wireName);
      break;
    }
  }
}

export function defineClassSites(file: string, facts: FileFacts, context: ResolveContext): void {
  for (const enqueue of facts.enqueues) addClassSite(file, enqueue, context);
}

function addClassSite(file: string, enqueue: EnqueueFact, context: ResolveContext): void {
  const adapter = context.getEnabled(file, enqueue.adapters);
  if (!adapter) return;
  const wireName = getEnqueuedWireName(file, enqueue.callee, context);
  if (wireName === undefined) return;
  const site: EnqueueSite = { wireName, nameSource: 'class', method: enqueue.method, args: enqueue.args, location: { file, span: enqueue.span }, adapter };
  const queue = enqueue.queue && context.resolver.resolveName(file, enqueue.queue);
  if (queue !== undefined) site.queue = queue;
  context.addSite(site);
  // `Sidequest.build(X).schedule(cron, 'a')` is the enqueue of a class, not a job named by string.
  context.claimCall(file, enqueue.span.range);
}

/**
 * The wire name a class-based enqueue call names: a job class of the project, or a class
 * imported from a project module that no longer declares it (a deleted job still enqueued).
 * Calls on anything else (a queue object, a class from a package) are not enqueue sites.
 */
function getEnqueuedWireName(file: string, callee: string, context: ResolveContext): string | undefined {
  const target = context.resolver.resolveClass(file, callee);
  return 'cls' in target ? getClassJobs(context).get(target.cls) : context.resolver.getDeletedClassName(file, callee);
}

function isBaseName(name: string, config: ClassJobConfig): boolean {
  const lastSegment = name.slice(name.lastIndexOf('.') + 1);
  if (config.baseClasses.includes(name) || config.baseClasses.includes(lastSegment)) return true;
  return (config.baseClassSuffixes ?? []).some((suffix) => lastSegment.endsWith(suffix));
}

function getClassJobContract(start: ResolvedClass, resolver: ProjectResolver, config: ClassJobConfig): JobContract | undefined {
  if (start.cls.isAbstract || !start.cls.superClass) return undefined;
  let handler: { file: string; fn: HandlerFact } | undefined;
  let queue: string | undefined;
  let typeArgument: { file: string; source: PayloadSource } | undefined;
  let reachesBase = false;
  let current: ClassRef = start;
  const seen = new Set<ClassFact>();
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    if (!('cls' in current)) {
      reachesBase ||= isBaseName(current.external, config);
      break;
    }
    if (seen.has(current.cls)) break;
    seen.add(current.cls);
    if (current !== start) reachesBase ||= isBaseName(current.cls.name, config);
    const own = current.cls.handlers.find((candidate) => config.handlerMethods.includes(candidate.method));
    if (own) handler ??= { file: current.file, fn: own };
    queue ??= readStatic(current, config.queue, resolver);
    if (current.cls.superTypeArgument) typeArgument ??= { file: current.file, source: current.cls.superTypeArgument };
    if (!current.cls.superClass) break;
    current = resolver.resolveClass(current.file, current.cls.superClass);
  }
  if (!reachesBase || !handler) return undefined;
  const contract: JobContract = {
    wireName: readStatic(start, config.wireName, resolver) ?? start.cls.name,
    location: { file: start.file, span: start.cls.span },
    handler: handler.fn.method,
    style: 'positional',
    params: [],
    fields: [],
    adapter: config.name,
  };
  if (queue !== undefined) contract.queue = queue;
  if (config.serialization) contract.serialization = config.serialization;
  setSignature(contract, handler, resolver, config.payloadTypeArgument ? typeArgument : undefined);
  // A subclass keeps a class-named job handled under its old name; other wire-name sources need their own alias form.
  if (contract.wireName === start.cls.name && start.cls.declarationEnd !== undefined) {
    contract.aliasAnchor = { offset: start.cls.declarationEnd, className: start.cls.name, exported: start.cls.isExported };
  }
  return contract;
}

/** `static queue = 'mailers'` or `static options = { queue: 'mailers' }`, resolved to its string. */
function readStatic(at: ResolvedClass, source: StaticSource | undefined, resolver: ProjectResolver): string | undefined {
  if (!source) return undefined;
  let name: NameRef | undefined;
  if (source.staticProperty) name = getOwn(at.cls.statics, source.staticProperty);
  if (!name && source.staticOptions) name = getOwn(getOwn(at.cls.staticObjects, source.staticOptions.property), source.staticOptions.key);
  return name && resolver.resolveName(at.file, name);
}
