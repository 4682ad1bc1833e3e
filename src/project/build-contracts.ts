/**
 * Every file's facts resolved across the project into one ContractSet: job classes through
 * their superclass chains (class-job adapters), jobs defined under a name (string-registry
 * adapters), and enqueue sites with the wire name they send. Only adapters enabled for a
 * file (by `frameworks`, or by the file's nearest package.json) contribute its facts.
 */
import { type AdapterSet, getAdapterSet, isAdapterEnabled } from '../adapters/adapter-set.js';
import type { ClassJobConfig, EventFunctionConfig, QueueWorkerConfig, ReceiverConstraint, StaticSource, StringRegistryConfig, TaskDefinitionConfig, WorkflowModuleConfig } from '../adapters/config.js';
import type { JobPattern } from '../adapters/job-pattern.js';
import type { ContractSet, DispatcherContract, EnqueueSite, JobContract, Location, MemberContract } from '../model/contract.js';
import type { ClassFact, DispatchCaseFact, EventFunctionFact, FileFacts, HandlerFact, NameRef, PayloadSource, ProcessorFact, TaskDefinitionFact, ValueFact } from '../model/facts.js';
import { getPackageDependencies } from './packages.js';
import { type ClassRef, ProjectResolver, type ResolvedClass } from './resolver.js';

/** Superclass chains longer than this are cycles or generated code; stop following them. */
const MAX_CHAIN = 32;

export function buildContractSet(files: ReadonlyMap<string, FileFacts>, pattern: JobPattern): ContractSet {
  return new ContractBuilder(files, getAdapterSet(pattern)).build();
}

class ContractBuilder {
  private readonly resolver: ProjectResolver;
  private readonly jobs = new Map<string, JobContract>();
  /** The wire name of each job class. */
  private readonly classJobs = new Map<ClassFact, string>();
  private readonly sites: EnqueueSite[] = [];
  private readonly classSiteKeys = new Set<string>();
  private readonly dependenciesByDir = new Map<string, readonly string[] | undefined>();
  private readonly dispatchers: DispatcherContract[] = [];
  private eventTypes?: Map<string, { name: string; payload?: { file: string; fields: MemberContract[] } }>;
  /** What the processors of each queue (queue-worker adapters) take: by queue name. */
  private readonly queues = new Map<string, QueueProcessors>();

  constructor(
    private readonly files: ReadonlyMap<string, FileFacts>,
    private readonly set: AdapterSet,
  ) {
    this.resolver = new ProjectResolver(files);
  }

  build(): ContractSet {
    for (const [file, facts] of this.files) {
      for (const cls of facts.classes) this.addClassJob({ file, cls });
    }
    for (const [file, facts] of this.files) {
      for (const registration of facts.registrations ?? []) this.addRegistration(file, registration);
      for (const map of facts.registryMaps ?? []) this.addRegistryMap(file, map);
      this.addDirectoryTask(file, facts);
    }
    for (const [file, facts] of this.files) {
      for (const processor of facts.processors ?? []) this.addProcessor(file, processor);
      for (const definition of facts.taskDefinitions ?? []) this.addTaskDefinition(file, definition);
      this.addWorkflowModule(file, facts);
      for (const proxy of facts.activityProxies ?? []) this.addActivityModule(file, proxy);
      for (const fn of facts.eventFunctions ?? []) this.addEventFunction(file, fn);
    }
    for (const [file, facts] of this.files) {
      for (const enqueue of facts.enqueues) this.addClassSite(file, enqueue);
      for (const enqueue of facts.namedEnqueues ?? []) this.addNamedSites(file, enqueue);
    }
    const set: ContractSet = { jobs: this.jobs, sites: this.sites };
    if (this.dispatchers.length > 0) set.dispatchers = this.dispatchers;
    return set;
  }

  /** Two definitions of one wire name: the first stays, as a queue would pick one handler. */
  private addJob(job: JobContract): boolean {
    if (this.jobs.has(job.wireName)) return false;
    this.jobs.set(job.wireName, job);
    return true;
  }

  private getEnabled(file: string, adapters: readonly string[] | undefined): string | undefined {
    const dependencies = getPackageDependencies(this.files, file, this.dependenciesByDir);
    return (adapters ?? []).find((name) => isAdapterEnabled(this.set, name, dependencies));
  }

  private isEnabled(file: string, name: string): boolean {
    return isAdapterEnabled(this.set, name, getPackageDependencies(this.files, file, this.dependenciesByDir));
  }

  private addClassJob(start: ResolvedClass): void {
    for (const config of this.set.classJobs) {
      if (!this.isEnabled(start.file, config.name)) continue;
      const job = getClassJobContract(start, this.resolver, config);
      if (!job) continue;
      if (this.addJob(job)) this.classJobs.set(start.cls, job.wireName);
      return;
    }
  }

  private addRegistration(file: string, registration: NonNullable<FileFacts['registrations']>[number]): void {
    const adapter = this.getEnabled(file, registration.adapters);
    const config = adapter ? this.getRegistry(adapter) : undefined;
    if (!config) return;
    const receivers = (config.register ?? []).filter((shape) => shape.methods.includes(registration.method)).map((shape) => shape.receiver);
    if (!receivers.some((receiver) => !receiver || this.isReceiver(file, registration.receiverPath, receiver))) return;
    const handler = 'fn' in registration.handler ? { file, fn: registration.handler.fn } : this.resolver.resolveFunction(file, registration.handler.path);
    if (!handler) return;
    const typeArgument = registration.typeArgument ? { file, source: registration.typeArgument } : undefined;
    for (const name of registration.names) {
      const wireName = this.resolver.resolveName(file, name);
      if (wireName === undefined) continue;
      this.addJob(this.getRegistryContract(config, wireName, { file, span: registration.span }, handler, typeArgument));
    }
  }

  private addRegistryMap(file: string, fact: NonNullable<FileFacts['registryMaps']>[number]): void {
    const adapter = this.getEnabled(file, fact.adapters);
    const config = adapter ? this.getRegistry(adapter) : undefined;
    if (!config) return;
    const map = 'inline' in fact.map ? { file, value: fact.map.inline as ValueFact } : this.resolver.resolveValue(file, fact.map.path);
    if (map?.value.kind !== 'object') return;
    const handlerKeys = (config.maps ?? []).map((shape) => shape.handlerKey);
    for (const [wireName, entry] of Object.entries(map.value.props)) {
      const handler = this.getMapHandler(map.file, entry, handlerKeys);
      if (!handler) continue;
      const span = map.value.keySpans?.[wireName];
      const location = span ? { file: map.file, span } : { file: handler.file, span: handler.fn.span };
      this.addJob(this.getRegistryContract(config, wireName, location, handler));
    }
  }

  /** `{ perform: (a, b) => ... }`, `{ perform }`, or a reference to such an object; the entry itself where no key holds the handler. */
  private getMapHandler(file: string, entry: ValueFact, handlerKeys: Array<string | undefined>): { file: string; fn: HandlerFact } | undefined {
    const resolved = this.resolver.deref({ file, value: entry });
    if (resolved?.value.kind === 'function' && handlerKeys.includes(undefined)) return { file: resolved.file, fn: resolved.value.fn };
    if (resolved?.value.kind !== 'object') return undefined;
    for (const key of handlerKeys) {
      if (key === undefined) continue;
      const member = resolved.value.props[key];
      const fn = member && this.resolver.deref({ file: resolved.file, value: member });
      if (fn?.value.kind === 'function') return { file: fn.file, fn: fn.value.fn };
    }
    return undefined;
  }

  private getRegistry(name: string): StringRegistryConfig | undefined {
    return this.set.registries.find((config) => config.name === name);
  }

  private getRegistryContract(
    config: StringRegistryConfig,
    wireName: string,
    location: Location,
    handler: { file: string; fn: HandlerFact },
    typeArgument?: { file: string; source: PayloadSource },
  ): JobContract {
    const contract: JobContract = {
      wireName,
      location,
      handler: handler.fn.method,
      style: 'positional',
      params: [],
      fields: [],
      adapter: config.name,
    };
    if (config.serialization) contract.serialization = config.serialization;
    if (handler.fn.fingerprint) contract.fingerprint = handler.fn.fingerprint;
    if (config.handler === 'payload-argument') {
      // `(payload: Payload, helpers) => ...`: the first parameter is the payload; untyped, the global declaration types it.
      contract.style = 'payload';
      const payload =
        this.resolver.resolvePayload(handler.file, handler.fn.payload ?? handler.fn.firstParamPayload) ?? this.getDeclaredPayload(config, wireName);
      if (payload) contract.fields = withFile(payload.fields, payload.file);
      return contract;
    }
    if (config.handler === 'job-data') {
      // The handler receives a job; its data is the payload, typed by `define<Data>` or `(job: Job<Data>)`.
      contract.style = 'payload';
      const payload =
        (typeArgument && this.resolver.resolvePayload(typeArgument.file, typeArgument.source)) ??
        this.resolver.resolvePayload(handler.file, handler.fn.firstParamTypeArgument);
      if (payload) contract.fields = withFile(payload.fields, payload.file);
      return contract;
    }
    setSignature(contract, handler, this.resolver);
    return contract;
  }

  /** A call already taken as the enqueue of a job class (`Sidequest.build(X).schedule(cron, 'a')`) names no job by string. */
  private isClassSite(file: string, range: [number, number]): boolean {
    return this.classSiteKeys.has(`${file}\0${range[0]}\0${range[1]}`);
  }

  private addClassSite(file: string, enqueue: FileFacts['enqueues'][number]): void {
    const adapter = this.getEnabled(file, enqueue.adapters);
    if (!adapter) return;
    const wireName = this.getEnqueuedWireName(file, enqueue.callee);
    if (wireName === undefined) return;
    const site: EnqueueSite = { wireName, nameSource: 'class', method: enqueue.method, args: enqueue.args, location: { file, span: enqueue.span }, adapter };
    const queue = enqueue.queue && this.resolver.resolveName(file, enqueue.queue);
    if (queue !== undefined) site.queue = queue;
    this.sites.push(site);
    this.classSiteKeys.add(`${file}\0${enqueue.span.range[0]}\0${enqueue.span.range[1]}`);
  }

  /**
   * The wire name a class-based enqueue call names: a job class of the project, or a class
   * imported from a project module that no longer declares it (a deleted job still enqueued).
   * Calls on anything else (a queue object, a class from a package) are not enqueue sites.
   */
  private getEnqueuedWireName(file: string, callee: string): string | undefined {
    const target = this.resolver.resolveClass(file, callee);
    return 'cls' in target ? this.classJobs.get(target.cls) : this.resolver.getDeletedClassName(file, callee);
  }

  private addNamedSites(file: string, enqueue: NonNullable<FileFacts['namedEnqueues']>[number]): void {
    const adapter = this.getEnabled(file, enqueue.adapters);
    if (!adapter || this.isClassSite(file, enqueue.span.range)) return;
    // `SomeJob.schedule(a, 'b')` is a call on a class, not on a queue.
    if (enqueue.receiver && enqueue.receiver !== 'flow' && 'cls' in this.resolver.resolveClass(file, enqueue.receiver)) return;
    if (enqueue.byBinding) {
      this.addBindingSites(file, enqueue, adapter);
      return;
    }
    const queueWorker = this.getQueueWorker(adapter);
    if (queueWorker) {
      this.addQueueSites(file, enqueue, queueWorker);
      return;
    }
    const events = this.getEventFunctions(adapter);
    if (events && !this.isEventSender(file, enqueue, events)) return;
    const registry = this.getRegistry(adapter);
    const receivers = (registry?.enqueue ?? []).filter((shape) => shape.methods.includes(enqueue.method)).map((shape) => shape.receiver);
    if (receivers.length > 0 && !receivers.some((receiver) => !receiver || this.isReceiver(file, enqueue.receiverPath, receiver))) return;
    const queue = enqueue.queue && this.resolver.resolveName(file, enqueue.queue);
    for (const name of enqueue.names) {
      const wireName = this.resolver.resolveName(file, name);
      if (wireName === undefined) continue;
      const nameSource = enqueue.typed ? 'class' : 'string';
      const site: EnqueueSite = { wireName, nameSource, method: enqueue.method, args: enqueue.args, location: { file, span: enqueue.span }, adapter };
      if (queue !== undefined) site.queue = queue;
      this.sites.push(site);
    }
  }

  /**
   * A task file of a task directory (graphile-worker's `tasks/send_email.ts`): a module whose
   * default export is a function, below a folder of the adapter's `directory` name; its path
   * below that folder, without extension, is the wire name.
   */
  private addDirectoryTask(file: string, facts: FileFacts): void {
    const exported = facts.defaultExport ?? (facts.exportAliases.default ? { path: [facts.exportAliases.default] } : undefined);
    if (!exported) return;
    for (const config of this.set.registries) {
      if (!config.directory || !this.isEnabled(file, config.name)) continue;
      const wireName = getDirectoryTaskName(file, config.directory);
      if (wireName === undefined) continue;
      const handler = 'fn' in exported ? { file, fn: exported.fn } : this.resolver.resolveFunction(file, exported.path);
      if (!handler) continue;
      this.addJob(this.getRegistryContract(config, wireName, { file, span: handler.fn.span }, handler));
      return;
    }
  }

  /** The payload type a global declaration gives a wire name: `GraphileWorker.Tasks['send_email']`. */
  private getDeclaredPayload(config: StringRegistryConfig, wireName: string): { file: string; fields: MemberContract[] } | undefined {
    const key = config.declaredPayloads && `${config.declaredPayloads.namespace}.${config.declaredPayloads.interface}`;
    if (!key) return undefined;
    for (const [file, facts] of this.files) {
      const source = facts.declaredPayloads?.[key]?.[wireName];
      const payload = source && this.resolver.resolvePayload(file, source);
      if (payload) return { file: payload.file, fields: withFile(payload.fields, payload.file) };
    }
    return undefined;
  }

  private getEventFunctions(name: string): EventFunctionConfig | undefined {
    return this.set.eventFunctions.find((config) => config.name === name);
  }

  /** `inngest.send(...)`, `step.sendEvent(...)`: the call is on an object the send shape accepts. */
  private isEventSender(file: string, enqueue: NonNullable<FileFacts['namedEnqueues']>[number], config: EventFunctionConfig): boolean {
    const receivers = config.send.filter((shape) => shape.methods.includes(enqueue.method)).map((shape) => shape.receiver);
    return receivers.some((receiver) => !receiver || this.isReceiver(file, enqueue.receiverPath, receiver));
  }

  /** An event type by reference (`userCreated`): its name, and where its data's fields come from. */
  private getEventType(file: string, path: string[], config: EventFunctionConfig): { name: string; payload?: { file: string; fields: MemberContract[] } } | undefined {
    const value = this.resolver.resolveValue(file, path);
    if (value?.value.kind !== 'instance' || !config.eventTypes.includes(value.value.callee) || !value.value.name) return undefined;
    const name = this.resolver.resolveName(value.file, value.value.name);
    if (name === undefined) return undefined;
    const schema = value.value.schemaPath && this.resolver.resolveValue(value.file, value.value.schemaPath);
    const payload = schema?.value.kind === 'schema' ? { file: schema.file, fields: schema.value.fields } : this.resolver.resolvePayload(value.file, value.value.payload);
    return payload ? { name, payload: { file: payload.file, fields: withFile(payload.fields, payload.file) } } : { name };
  }

  /** Every event type of the project by name: a trigger that names its event by string is typed by it. */
  private getEventTypesByName(config: EventFunctionConfig): Map<string, { name: string; payload?: { file: string; fields: MemberContract[] } }> {
    const found = new Map<string, { name: string; payload?: { file: string; fields: MemberContract[] } }>();
    for (const [file, facts] of this.files) {
      for (const [local, value] of Object.entries(facts.values ?? {})) {
        if (value.kind !== 'instance' || !config.eventTypes.includes(value.callee)) continue;
        const event = this.getEventType(file, [local], config);
        if (event && !found.has(event.name)) found.set(event.name, event);
      }
    }
    return found;
  }

  /**
   * Inngest: a function is a job per event it is triggered by, named by the event; its payload is
   * the event's data, typed by the event type's schema.
   */
  private addEventFunction(file: string, fact: EventFunctionFact): void {
    const adapter = this.getEnabled(file, fact.adapters);
    const config = adapter ? this.getEventFunctions(adapter) : undefined;
    if (!config) return;
    for (const event of fact.events) {
      let resolved = 'path' in event.name ? this.getEventType(file, event.name.path, config) : undefined;
      if (!resolved) {
        const name = this.resolver.resolveName(file, event.name);
        if (name === undefined) continue;
        this.eventTypes ??= this.getEventTypesByName(config);
        resolved = this.eventTypes.get(name) ?? { name };
      }
      const contract: JobContract = { wireName: resolved.name, location: { file, span: event.span }, handler: fact.handler?.method ?? 'handler', style: 'payload', params: [], fields: [], adapter: config.name };
      if (config.serialization) contract.serialization = config.serialization;
      if (fact.handler?.fingerprint) contract.fingerprint = fact.handler.fingerprint;
      if (resolved.payload) contract.fields = resolved.payload.fields;
      this.addJob(contract);
    }
  }

  private getWorkflowModule(name: string): WorkflowModuleConfig | undefined {
    return this.set.workflowModules.find((config) => config.name === name);
  }

  /** Whether a module imports one of the workflow packages: its exported functions are workflows. */
  private isWorkflowModule(file: string, config: WorkflowModuleConfig): boolean {
    return Object.values(this.files.get(file)?.imports ?? {}).some((binding) => config.workflowPackages.includes(binding.source));
  }

  /** Temporal: each exported function of a workflow module is a workflow, named by the function, its arguments positional. */
  private addWorkflowModule(file: string, facts: FileFacts): void {
    if (!facts.exportedFunctions) return;
    for (const config of this.set.workflowModules) {
      if (!this.isEnabled(file, config.name) || !this.isWorkflowModule(file, config)) continue;
      this.addExportedFunctionJobs(file, facts, config);
      return;
    }
  }

  /** `proxyActivities<typeof activities>()`: each exported function of the activities module is an activity. */
  private addActivityModule(file: string, proxy: NonNullable<FileFacts['activityProxies']>[number]): void {
    const adapter = this.getEnabled(file, proxy.adapters);
    const config = adapter ? this.getWorkflowModule(adapter) : undefined;
    const module = config && this.resolver.resolveValue(file, proxy.module);
    if (!config || module?.value.kind !== 'object') return;
    const facts = this.files.get(module.file);
    if (facts) this.addExportedFunctionJobs(module.file, facts, config);
  }

  private addExportedFunctionJobs(file: string, facts: FileFacts, config: WorkflowModuleConfig): void {
    for (const name of facts.exportedFunctions ?? []) {
      const value = facts.values?.[name];
      if (value?.kind !== 'function') continue;
      const contract: JobContract = { wireName: name, location: { file, span: value.fn.span }, handler: name, style: 'positional', params: [], fields: [], adapter: config.name };
      if (config.serialization) contract.serialization = config.serialization;
      setSignature(contract, { file, fn: value.fn }, this.resolver);
      this.addJob(contract);
    }
  }

  /** `client.workflow.start(example, ...)`: a workflow function of a workflow module, seen by the type checker. */
  private addWorkflowSites(file: string, enqueue: NonNullable<FileFacts['namedEnqueues']>[number], config: WorkflowModuleConfig): void {
    for (const name of enqueue.names) {
      if (!('path' in name)) continue;
      const value = this.resolver.resolveValue(file, name.path);
      if (value?.value.kind !== 'function' || !this.isWorkflowModule(value.file, config)) continue;
      this.sites.push({ wireName: value.value.fn.method, nameSource: 'class', method: enqueue.method, args: enqueue.args, location: { file, span: enqueue.span }, adapter: config.name });
    }
  }

  private getTaskDefiner(name: string): TaskDefinitionConfig | undefined {
    return this.set.taskDefinitions.find((config) => config.name === name);
  }

  /**
   * A task defined by `task({ id, run })`: the id is the wire name; the payload's fields come
   * from the zod schema, else from the type of `run`'s first parameter.
   */
  private addTaskDefinition(file: string, fact: TaskDefinitionFact): void {
    const adapter = this.getEnabled(file, fact.adapters);
    const config = adapter ? this.getTaskDefiner(adapter) : undefined;
    const wireName = config && this.resolver.resolveName(file, fact.id);
    if (!config || wireName === undefined) return;
    const contract: JobContract = { wireName, location: { file, span: fact.span }, handler: fact.handler?.method ?? 'run', style: 'payload', params: [], fields: [], adapter: config.name };
    if (config.serialization) contract.serialization = config.serialization;
    if (fact.handler?.fingerprint) contract.fingerprint = fact.handler.fingerprint;
    const schema = fact.schemaPath && this.resolver.resolveValue(file, fact.schemaPath);
    const payload = schema?.value.kind === 'schema' ? { file: schema.file, fields: schema.value.fields } : this.resolver.resolvePayload(file, fact.payload);
    if (payload) contract.fields = withFile(payload.fields, payload.file);
    this.addJob(contract);
  }

  /**
   * `hello.trigger(payload)`: a call on a task object, whose definition (here or in an imported
   * module) gives the wire name. Like a class, the task object is seen by the type checker.
   */
  private addBindingSites(file: string, enqueue: NonNullable<FileFacts['namedEnqueues']>[number], adapter: string): void {
    const workflows = this.getWorkflowModule(adapter);
    if (workflows) {
      this.addWorkflowSites(file, enqueue, workflows);
      return;
    }
    const events = this.getEventFunctions(adapter);
    if (events) {
      if (!this.isEventSender(file, enqueue, events)) return;
      for (const name of enqueue.names) {
        const event = 'path' in name ? this.getEventType(file, name.path, events) : undefined;
        if (event) this.sites.push({ wireName: event.name, nameSource: 'class', method: enqueue.method, args: enqueue.args, location: { file, span: enqueue.span }, adapter });
      }
      return;
    }
    const config = this.getTaskDefiner(adapter);
    if (!config) return;
    for (const name of enqueue.names) {
      if (!('path' in name)) continue;
      const value = this.resolver.resolveValue(file, name.path);
      if (value?.value.kind !== 'instance' || !config.definers.includes(value.value.callee) || !value.value.name) continue;
      const wireName = this.resolver.resolveName(value.file, value.value.name);
      if (wireName === undefined) continue;
      this.sites.push({ wireName, nameSource: 'class', method: enqueue.method, args: enqueue.args, location: { file, span: enqueue.span }, adapter });
    }
  }

  /**
   * Whether a method is called on an object the constraint accepts: a name that contains one of
   * its names, or an object bound to one of its types (here or in a relative module).
   */
  private isReceiver(file: string, path: string[] | undefined, constraint: ReceiverConstraint): boolean {
    if (!path) return false;
    const names = constraint.names.map((name) => name.toLowerCase());
    if (path.some((segment) => names.some((name) => segment.toLowerCase().includes(name)))) return true;
    return this.getReceiverBinding(file, path)?.types.some((type) => constraint.types.includes(type)) ?? false;
  }

  /** What a receiver path is bound to: `new Queue('email')` here or in an imported module, `q: Queue`, `@InjectQueue('email') q`. */
  private getReceiverBinding(file: string, path: string[]): { types: string[]; name?: string } | undefined {
    const head = path[0]!;
    if (head.startsWith('new ')) return { types: [head.slice(4)] };
    const key = head === 'this' ? (path.length === 2 ? `this.${path[1]}` : undefined) : path.length === 1 ? head : undefined;
    const local = key === undefined ? undefined : this.files.get(file)?.bindings?.[key];
    if (local) {
      const name = local.name && this.resolver.resolveName(file, local.name);
      return name === undefined ? { types: local.types } : { types: local.types, name };
    }
    if (head === 'this') return undefined;
    const value = this.resolver.resolveValue(file, path);
    if (value?.value.kind !== 'instance') return undefined;
    const name = value.value.name && this.resolver.resolveName(value.file, value.value.name);
    return name === undefined ? { types: [value.value.callee] } : { types: [value.value.callee], name };
  }

  private getQueueWorker(name: string): QueueWorkerConfig | undefined {
    return this.set.queueWorkers.find((config) => config.name === name);
  }

  private getQueue(queue: string | undefined): QueueProcessors | undefined {
    if (queue === undefined) return undefined;
    let entry = this.queues.get(queue);
    if (!entry) {
      entry = { named: false, opaque: false };
      this.queues.set(queue, entry);
    }
    return entry;
  }

  /**
   * A queue processor: a job per name it takes (`process('name', fn)`, `@Process('name')`), per
   * case of its dispatch on `job.name`, or one job for the whole queue, named by the queue,
   * when it takes every job alike. A processor that cannot be read leaves its queue unjudged.
   */
  private addProcessor(file: string, fact: ProcessorFact): void {
    const adapter = this.getEnabled(file, fact.adapters);
    const config = adapter ? this.getQueueWorker(adapter) : undefined;
    if (!config) return;
    let queueName = fact.queue && this.resolver.resolveName(file, fact.queue);
    if (fact.receiverPath) {
      if (!this.isReceiver(file, fact.receiverPath, config.queues)) return;
      queueName ??= this.getReceiverBinding(file, fact.receiverPath)?.name;
    }
    const queue = this.getQueue(queueName);
    const handler = this.getProcessorHandler(file, fact);
    if (!handler) {
      if (queue) queue.opaque = true;
      return;
    }
    const context: ProcessorContext = { config, queue: queueName, processor: fact, file, handler };
    if (fact.names) {
      for (const name of fact.names) {
        const wireName = this.resolver.resolveName(file, name);
        if (wireName === undefined) {
          if (queue) queue.opaque = true;
          continue;
        }
        if (queue) queue.named = true;
        this.addJob(this.getProcessorJob(context, wireName, { file, span: fact.span }, handler, handler.fn.firstParamTypeArgument ? 'job' : 'data'));
      }
      return;
    }
    const dispatch = handler.fn.dispatch;
    if (!dispatch) {
      if (queueName === undefined) return;
      queue!.catchAll = queueName;
      this.addJob(this.getProcessorJob(context, queueName, { file, span: fact.span }, handler, 'job'));
      return;
    }
    if (queue) {
      queue.named = true;
      if (dispatch.unknown === 'delegates') queue.opaque = true;
    }
    const names = dispatch.map ? this.addMapJobs(context, dispatch.map) : this.addCaseJobs(context, dispatch.cases);
    const dispatcher: DispatcherContract = { kind: dispatch.kind, unknown: dispatch.unknown, names, location: { file: handler.file, span: dispatch.span }, adapter: config.name };
    if (queueName !== undefined) dispatcher.queue = queueName;
    this.dispatchers.push(dispatcher);
  }

  private getProcessorHandler(file: string, fact: ProcessorFact): { file: string; fn: HandlerFact } | undefined {
    if (!fact.handler) return undefined;
    return 'fn' in fact.handler ? { file, fn: fact.handler.fn } : this.resolver.resolveFunction(file, fact.handler.path);
  }

  private addCaseJobs(context: ProcessorContext, cases: DispatchCaseFact[]): string[] {
    const names: string[] = [];
    for (const entry of cases) {
      const delegate = entry.delegate && this.getDelegate(context, entry.delegate.path);
      for (const name of entry.names) {
        const wireName = this.resolver.resolveName(context.handler.file, name);
        if (wireName === undefined) continue;
        names.push(wireName);
        const location = { file: context.handler.file, span: entry.span };
        const job = delegate
          ? this.getProcessorJob(context, wireName, location, delegate, entry.delegate!.passes, { file: context.handler.file, source: entry.fn.payload })
          : this.getProcessorJob(context, wireName, location, { file: context.handler.file, fn: entry.fn }, 'data', { file: context.handler.file, source: entry.fn.payload });
        this.addJob(job);
      }
    }
    return names;
  }

  /** `handlers[job.name](job)`: each key of the module-level map is a job, its value the handler. */
  private addMapJobs(context: ProcessorContext, map: NonNullable<NonNullable<HandlerFact['dispatch']>['map']>): string[] {
    const resolved = this.resolver.resolveValue(context.handler.file, map.path);
    if (resolved?.value.kind !== 'object') {
      if (context.queue !== undefined) this.getQueue(context.queue)!.opaque = true;
      return [];
    }
    const names: string[] = [];
    for (const [wireName, entry] of Object.entries(resolved.value.props)) {
      const fn = this.resolver.deref({ file: resolved.file, value: entry });
      if (fn?.value.kind !== 'function') continue;
      names.push(wireName);
      const span = resolved.value.keySpans?.[wireName] ?? fn.value.fn.span;
      this.addJob(this.getProcessorJob(context, wireName, { file: resolved.file, span }, { file: fn.file, fn: fn.value.fn }, map.passes));
    }
    return names;
  }

  /** `this.welcome(job)` in a processor class, or a function of the project by reference. */
  private getDelegate(context: ProcessorContext, path: string[]): { file: string; fn: HandlerFact } | undefined {
    if (path[0] === 'this') {
      const fn = path.length === 2 ? context.processor.methods?.[path[1]!] : undefined;
      return fn ? { file: context.file, fn } : undefined;
    }
    return this.resolver.resolveFunction(context.handler.file, path);
  }

  /**
   * A job of a queue processor. Its payload is the job's data, typed by the function that
   * receives it (`(data: Welcome)` when handed the data, `(job: Job<Welcome>)` when handed the
   * job), else by a cast in the case (`job.data as Welcome`), the worker's type argument
   * (`new Worker<Welcome>`) or the processor's `Job<Welcome>` parameter.
   */
  private getProcessorJob(
    context: ProcessorContext,
    wireName: string,
    location: Location,
    handler: { file: string; fn: HandlerFact },
    passes: 'job' | 'data',
    cast?: { file: string; source: PayloadSource | undefined },
  ): JobContract {
    const contract: JobContract = { wireName, location, handler: handler.fn.method, style: 'payload', params: [], fields: [], adapter: context.config.name };
    if (context.queue !== undefined) contract.queue = context.queue;
    if (context.config.serialization) contract.serialization = context.config.serialization;
    if (handler.fn.fingerprint) contract.fingerprint = handler.fn.fingerprint;
    const own = passes === 'data' ? (handler.fn.params.length === 1 ? handler.fn.payload : undefined) : handler.fn.firstParamTypeArgument;
    const payload =
      this.resolver.resolvePayload(handler.file, own) ??
      (cast && this.resolver.resolvePayload(cast.file, cast.source)) ??
      this.resolver.resolvePayload(context.file, context.processor.typeArgument) ??
      this.resolver.resolvePayload(context.handler.file, context.handler.fn.firstParamTypeArgument);
    if (payload) contract.fields = withFile(payload.fields, payload.file);
    return contract;
  }

  /**
   * Sites of jobs added to a queue. A job's name counts on its queue: where the queue has a
   * processor that takes every name, the site is that queue's job; where the queue's processors
   * cannot all be read, or the queue is unknown, only names some job handles make sites, so that
   * queues served by another code base are never reported.
   */
  private addQueueSites(file: string, enqueue: NonNullable<FileFacts['namedEnqueues']>[number], config: QueueWorkerConfig): void {
    const receiver = enqueue.receiver === 'flow' ? config.flows && { names: ['flow'], types: config.flows.types } : config.queues;
    if (!receiver || !this.isReceiver(file, enqueue.receiverPath, receiver)) return;
    const queueName = enqueue.queue
      ? this.resolver.resolveName(file, enqueue.queue)
      : enqueue.receiverPath && this.getReceiverBinding(file, enqueue.receiverPath)?.name;
    const queue = queueName === undefined ? undefined : this.queues.get(queueName);
    for (const name of enqueue.names) {
      const sent = this.resolver.resolveName(file, name);
      if (sent === undefined) continue;
      let wireName: string | undefined = this.jobs.has(sent) ? sent : undefined;
      if (queue?.catchAll !== undefined) wireName = queue.catchAll;
      else if (queue?.named && !queue.opaque) wireName = sent;
      if (wireName === undefined) continue;
      const site: EnqueueSite = { wireName, nameSource: 'string', method: enqueue.method, args: enqueue.args, location: { file, span: enqueue.span }, adapter: config.name };
      if (queueName !== undefined) site.queue = queueName;
      this.sites.push(site);
    }
  }
}

/** What the processors of one queue take. */
interface QueueProcessors {
  /** The wire name of the job that takes every name of the queue. */
  catchAll?: string;
  /** Some processor dispatches on names. */
  named: boolean;
  /** Some processor cannot be read, takes names that cannot be known, or hands unknown names on. */
  opaque: boolean;
}

interface ProcessorContext {
  config: QueueWorkerConfig;
  queue: string | undefined;
  processor: ProcessorFact;
  /** The file of the processor fact. */
  file: string;
  /** The processor function (which may live in another file). */
  handler: { file: string; fn: HandlerFact };
}

/** `src/tasks/users/send_email.ts` below `tasks`: `users/send_email`. */
function getDirectoryTaskName(file: string, folder: string): string | undefined {
  const segments = file.split('/');
  const index = segments.lastIndexOf(folder);
  if (index < 0 || index === segments.length - 1) return undefined;
  const rest = segments.slice(index + 1).join('/');
  const name = rest.replace(/\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/, '');
  return name === rest || name.endsWith('.d') || name.endsWith('.test') || name.endsWith('.spec') ? undefined : name;
}

function withFile(members: HandlerFact['params'], file: string): MemberContract[] {
  return members.map((member) => ({ ...member, file }));
}

/** Positional parameters, or the fields of a single object parameter (typed, or destructured in JavaScript). */
function setSignature(contract: JobContract, handler: { file: string; fn: HandlerFact }, resolver: ProjectResolver, typeArgument?: { file: string; source: PayloadSource }): void {
  contract.params = withFile(handler.fn.params, handler.file);
  if (handler.fn.fingerprint) contract.fingerprint = handler.fn.fingerprint;
  let payload = resolver.resolvePayload(handler.file, handler.fn.payload);
  if (!payload && typeArgument && isUntypedSingleParam(handler.fn)) payload = resolver.resolvePayload(typeArgument.file, typeArgument.source);
  if (payload) {
    contract.style = 'payload';
    contract.fields = withFile(payload.fields, payload.file);
  }
}

function isUntypedSingleParam(handler: HandlerFact): boolean {
  const param = handler.params[0];
  return handler.params.length === 1 && param !== undefined && param.type === undefined && param.optionality !== 'rest' && /^[A-Za-z_$][\w$]*$/.test(param.name);
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
  if (source.staticProperty) name = at.cls.statics?.[source.staticProperty];
  if (!name && source.staticOptions) name = at.cls.staticObjects?.[source.staticOptions.property]?.[source.staticOptions.key];
  return name && resolver.resolveName(at.file, name);
}

