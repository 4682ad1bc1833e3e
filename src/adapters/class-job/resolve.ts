/**
 * Job classes across files: a class is a job when its superclass chain reaches a base class of
 * an enabled configuration and some class of the chain has a handler method. Calls on a job
 * class (or on a class imported from a module that no longer declares it) are its enqueue sites.
 */
import { getCallFields } from '../shared/sites.js';
import type { EnqueueSite, JobContract } from '../../model/contract.js';
import type { ClassFact, EnqueueFact, FileFacts, HandlerFact, NameRef, PayloadSource } from '../../model/facts.js';
import type { ClassRef, ProjectResolver, ResolvedClass } from '../../resolve/resolver.js';
import type { ResolveContext } from '../kind.js';
import { getKindFacts } from '../kind.js';
import { addBodyFacts, setSignature, withFile } from '../shared/contracts.js';
import { getReceiverBinding } from '../shared/receiver-binding.js';
import type { ClassJobConfig, StaticSource } from './config.js';
import type { ProducerCallFact } from './extract.js';
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

export function defineClassSites(file: string, facts: FileFacts, configs: readonly ClassJobConfig[], context: ResolveContext): void {
  for (const enqueue of facts.enqueues) addClassSite(file, enqueue, context);
  for (const call of getKindFacts<ClassJobFacts>(facts, 'class-job')?.producerCalls ?? []) addProducerSite(file, call, configs, context);
}

/** The class-job kind's own facts of a file. */
export interface ClassJobFacts {
  producerCalls?: ProducerCallFact[];
}

/**
 * `this.emailQueue.add(data)`: a site of the job named by the receiver's class, when the receiver
 * is declared as a class of the project whose chain reaches a producer base of the adapter.
 */
function addProducerSite(file: string, call: ProducerCallFact, configs: readonly ClassJobConfig[], context: ResolveContext): void {
  const adapter = context.getEnabled(file, call.adapters);
  const config = configs.find((candidate) => candidate.name === adapter);
  if (!config) return;
  const binding = getReceiverBinding(context.files, context.resolver, file, call.receiverPath);
  for (const type of binding?.types ?? []) {
    const target = context.resolver.resolveClass(file, type);
    if (!('cls' in target)) continue;
    const shapes = (config.enqueue.producers ?? []).filter((shape) => shape.methods.includes(call.method));
    const wireName = getProducerWireName(target, shapes.flatMap((shape) => shape.baseClasses), config, context.resolver);
    if (wireName === undefined) continue;
    context.addSite({ wireName, nameSource: 'class', ...getCallFields(file, call), adapter: config.name });
    return;
  }
}

/** The wire name a producer class sends to: its name source, when its chain reaches one of the bases. */
function getProducerWireName(start: ResolvedClass, bases: string[], config: ClassJobConfig, resolver: ProjectResolver): string | undefined {
  const isBase = (name: string) => isBaseName(name, bases);
  const chain = getChain(start, resolver);
  return reachesBase(chain, isBase) ? readName(chain, config.wireName, isBase, resolver) : undefined;
}

/** Whether a class above the start of the chain, or the external name it ends at, is a base. */
function reachesBase(chain: Chain, isBase: (name: string) => boolean): boolean {
  return chain.classes.slice(1).some((at) => isBase(at.cls.name)) || (chain.external !== undefined && isBase(chain.external));
}

interface Chain {
  classes: ResolvedClass[];
  external?: string;
}

/** The classes of a superclass chain in the project, from the start, and the external name it ends at. */
function getChain(start: ResolvedClass, resolver: ProjectResolver): Chain {
  const classes: ResolvedClass[] = [];
  let current: ClassRef = start;
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    if (!('cls' in current)) return { classes, external: current.external };
    if (classes.some((at) => at.cls === (current as ResolvedClass).cls)) break;
    classes.push(current);
    if (!current.cls.superClass) break;
    current = resolver.resolveClass(current.file, current.cls.superClass);
  }
  return { classes };
}

/**
 * A name source read along a chain: statics of the class itself, else the `super(...)` argument
 * of the class that extends the base directly (a subclass's own `super(...)` calls its parent's
 * constructor, whose first parameter may be anything).
 */
function readName(chain: Chain, source: StaticSource | undefined, isBase: (name: string) => boolean, resolver: ProjectResolver): string | undefined {
  const classes = chain.classes;
  const own = classes[0] && readStatic(classes[0], source, resolver);
  if (own !== undefined || !source?.superArgument) return own;
  const index = classes.findIndex((at, i) => (i + 1 < classes.length ? isBase(classes[i + 1]!.cls.name) : chain.external !== undefined && isBase(chain.external)));
  const direct = index >= 0 ? classes[index] : undefined;
  return direct?.cls.superArgument && resolver.resolveName(direct.file, direct.cls.superArgument);
}

function addClassSite(file: string, enqueue: EnqueueFact, context: ResolveContext): void {
  const adapter = context.getEnabled(file, enqueue.adapters);
  if (!adapter) return;
  const wireName = getEnqueuedWireName(file, enqueue.callee, context);
  if (wireName === undefined) return;
  const site: EnqueueSite = { wireName, nameSource: 'class', ...getCallFields(file, enqueue), adapter };
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

function isBaseName(name: string, bases: readonly string[], suffixes: readonly string[] = []): boolean {
  const lastSegment = name.slice(name.lastIndexOf('.') + 1);
  if (bases.includes(name) || bases.includes(lastSegment)) return true;
  return suffixes.some((suffix) => lastSegment.endsWith(suffix));
}

function getClassJobContract(start: ResolvedClass, resolver: ProjectResolver, config: ClassJobConfig): JobContract | undefined {
  if (start.cls.isAbstract || !start.cls.superClass) return undefined;
  const isBase = (name: string) => isBaseName(name, config.baseClasses, config.baseClassSuffixes);
  const chain = getChain(start, resolver);
  let handler: { file: string; fn: HandlerFact } | undefined;
  let queue: string | undefined;
  let typeArgument: { file: string; source: PayloadSource } | undefined;
  for (const current of chain.classes) {
    const own = current.cls.handlers.find((candidate) => config.handlerMethods.includes(candidate.method));
    if (own) handler ??= { file: current.file, fn: own };
    queue ??= readStatic(current, config.queue, resolver);
    if (current.cls.superTypeArgument) typeArgument ??= { file: current.file, source: current.cls.superTypeArgument };
  }
  if (!reachesBase(chain, isBase) || !handler) return undefined;
  const byFile = config.wireName?.fileName && start.cls.isDefaultExport ? getFileName(start.file) : undefined;
  const named = byFile ?? (config.wireName?.superArgument ? readName(chain, config.wireName, isBase, resolver) : readStatic(start, config.wireName, resolver));
  // A class named by a `super(...)` argument that passes none (or a dynamic one) has no wire name of its own.
  if (named === undefined && config.wireName?.superArgument) return undefined;
  const contract: JobContract = {
    wireName: named ?? start.cls.name,
    location: { file: start.file, span: start.cls.span },
    handler: handler.fn.method,
    style: 'positional',
    params: [],
    fields: [],
    adapter: config.name,
  };
  if (queue !== undefined) contract.queue = queue;
  if (config.serialization) contract.serialization = config.serialization;
  if (config.payload === 'job-data') setJobData(contract, handler, resolver);
  else setSignature(contract, handler, resolver, config.payloadTypeArgument ? typeArgument : undefined);
  // A registry of a folder's modules registers each file's default export: an alias class beside it would not be registered.
  if (byFile !== undefined) contract.namedBy = 'file';
  // A subclass keeps a class-named job handled under its old name; other wire-name sources need their own alias form.
  else if (contract.wireName === start.cls.name && start.cls.declarationEnd !== undefined) {
    contract.aliasAnchor = { offset: start.cls.declarationEnd, className: start.cls.name, exported: start.cls.isExported };
  }
  return contract;
}

/** The handler receives a job whose data is the payload: fields from `Job<Data>` or `{ data: Data }`; unreadable, unknown. */
function setJobData(contract: JobContract, handler: { file: string; fn: HandlerFact }, resolver: ProjectResolver): void {
  contract.style = 'payload';
  addBodyFacts(contract, handler.fn);
  const source = handler.fn.firstParamTypeArgument;
  const payload = source && resolver.resolvePayload(handler.file, source);
  if (payload) contract.fields = withFile(payload.fields, payload.file);
  else contract.membersUnknown = true;
}

/** `server/tasks/CleanupTask.ts`: `CleanupTask`. */
function getFileName(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const dot = base.indexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** `static queue = 'mailers'` or `static options = { queue: 'mailers' }`, resolved to its string. */
function readStatic(at: ResolvedClass, source: StaticSource | undefined, resolver: ProjectResolver): string | undefined {
  if (!source) return undefined;
  let name: NameRef | undefined;
  if (source.staticProperty) name = getOwn(at.cls.statics, source.staticProperty);
  if (!name && source.staticOptions) name = getOwn(getOwn(at.cls.staticObjects, source.staticOptions.property), source.staticOptions.key);
  return name && resolver.resolveName(at.file, name);
}
