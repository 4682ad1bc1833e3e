/**
 * Every file's facts resolved across the project into one ContractSet. The builder knows no
 * kind: it gives each kind a ResolveContext, runs every kind's `defineJobs` over every file
 * (stage by stage, see kinds.ts), then, file by file, every kind's `defineSites` and the named
 * enqueues of the file, each
 * handed to the kind of its first enabled adapter. Only adapters enabled for a file (by
 * `frameworks`, or by the file's nearest package.json) contribute its facts.
 */
import { type AdapterSet, getAdapterSet, isAdapterEnabled } from '../adapters/adapter-set.js';
import type { JobPattern } from '../adapters/job-pattern.js';
import type { ResolveContext } from '../adapters/kind.js';
import { type ContractSet, type DispatcherContract, type EnqueueSite, getJobKey, type JobContract } from '../model/contract.js';
import type { FileFacts, NamedEnqueueFact } from '../model/facts.js';
import { getPackageName } from '../resolve/module-paths.js';
import type { ModuleResolver } from '../resolve/module-resolver.js';
import { type MissingModule, ProjectResolver } from '../resolve/resolver.js';
import { getPackageDependencies } from './packages.js';

/**
 * @param modules the version's module resolution (without it, imports reach loaded files only)
 * @param onMissing called with each file an import reaches that is not loaded: the loader
 * reads those and builds again, so discovery follows the build itself.
 */
export function buildContractSet(
  files: ReadonlyMap<string, FileFacts>,
  pattern: JobPattern,
  modules?: ModuleResolver,
  onMissing?: MissingModule,
): ContractSet {
  return new ContractBuilder(files, getAdapterSet(pattern), modules, onMissing).build();
}

class ContractBuilder implements ResolveContext {
  readonly resolver: ProjectResolver;
  private readonly jobs = new Map<string, JobContract>();
  private readonly wireNames = new Set<string>();
  private readonly sites: EnqueueSite[] = [];
  private readonly claimed = new Set<string>();
  private readonly dispatchers: DispatcherContract[] = [];
  private readonly dependenciesByDir = new Map<string, readonly string[] | undefined>();
  private readonly memos = new Map<string, unknown>();
  private readonly evidence = new Map<string, readonly string[] | undefined>();

  constructor(
    readonly files: ReadonlyMap<string, FileFacts>,
    private readonly set: AdapterSet,
    modules: ModuleResolver | undefined,
    onMissing?: MissingModule,
  ) {
    this.resolver = new ProjectResolver(files, modules, onMissing);
  }

  build(): ContractSet {
    for (const stage of this.set.stages) {
      for (const [file, facts] of this.files) for (const { kind, configs } of stage) kind.defineJobs?.(file, facts, configs, this);
    }
    for (const [file, facts] of this.files) {
      for (const { kind, configs } of this.set.kinds) kind.defineSites?.(file, facts, configs, this);
      for (const enqueue of facts.namedEnqueues ?? []) this.addNamedEnqueue(file, enqueue);
    }
    const set: ContractSet = { jobs: this.jobs, sites: this.sites };
    if (this.dispatchers.length > 0) set.dispatchers = this.dispatchers;
    return set;
  }

  addJob(job: JobContract): boolean {
    const framework = this.getFramework(job.adapter);
    if (framework !== undefined) job.framework = framework;
    const unknownJob = job.adapter === undefined ? undefined : this.set.byName.get(job.adapter)?.config.unknownJob;
    if (unknownJob !== undefined) job.unknownJob = unknownJob;
    const key = getJobKey(job);
    const existing = this.jobs.get(key);
    if (existing) {
      if (job.queue !== undefined && existing.queue !== job.queue && !existing.alsoQueues?.includes(job.queue)) (existing.alsoQueues ??= []).push(job.queue);
      return false;
    }
    this.jobs.set(key, job);
    this.wireNames.add(job.wireName);
    return true;
  }

  hasJob(wireName: string, adapter: string): boolean {
    const framework = this.getFramework(adapter);
    // An in-house site may reach any framework's job; a framework's site, its own or an in-house one.
    if (framework === undefined) return this.wireNames.has(wireName);
    return this.jobs.has(getJobKey({ wireName, framework })) || this.jobs.has(wireName);
  }

  addSite(site: EnqueueSite): void {
    const framework = this.getFramework(site.adapter);
    if (framework !== undefined) site.framework = framework;
    const config = site.adapter === undefined ? undefined : this.set.byName.get(site.adapter)?.config;
    if (config?.callerVersion?.includes(site.method)) site.callerVersion = true;
    this.sites.push(site);
  }

  private getFramework(adapter: string | undefined): string | undefined {
    return adapter === undefined ? undefined : this.set.frameworks.get(adapter);
  }

  addDispatcher(dispatcher: DispatcherContract): void {
    this.dispatchers.push(dispatcher);
  }

  claimCall(file: string, range: readonly [number, number]): void {
    this.claimed.add(`${file}\0${range[0]}\0${range[1]}`);
  }

  isClaimed(file: string, range: readonly [number, number]): boolean {
    return this.claimed.has(`${file}\0${range[0]}\0${range[1]}`);
  }

  isEnabled(file: string, adapter: string): boolean {
    return isAdapterEnabled(this.set, adapter, this.getEvidence(file));
  }

  getEnabled(file: string, adapters: readonly string[] | undefined): string | undefined {
    const dependencies = this.getEvidence(file);
    return (adapters ?? []).find((name) => isAdapterEnabled(this.set, name, dependencies));
  }

  /**
   * The packages that enable presets for a file: what its nearest package.json and the
   * repository's root package.json (a workspace root, where monorepos hoist their SDKs) depend
   * on, and the packages the file itself imports (an import of a framework is evidence enough,
   * whoever declares the dependency). Undefined when there is no evidence of any kind.
   */
  private getEvidence(file: string): readonly string[] | undefined {
    if (this.evidence.has(file)) return this.evidence.get(file);
    const nearest = getPackageDependencies(this.files, file, this.dependenciesByDir);
    const root = this.files.get('package.json')?.dependencies;
    const imported = Object.values(this.files.get(file)?.imports ?? {}).map((binding) => getPackageName(binding.source));
    const all = new Set([...(nearest ?? []), ...(root ?? []), ...imported.filter((name): name is string => name !== undefined)]);
    const evidence = nearest === undefined && root === undefined && all.size === 0 ? undefined : [...all];
    this.evidence.set(file, evidence);
    return evidence;
  }

  memo<T>(key: string, create: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, create());
    return this.memos.get(key) as T;
  }

  /** A call that names its jobs, read by the kind of the first adapter enabled for it, unless a site already took the call. */
  private addNamedEnqueue(file: string, enqueue: NamedEnqueueFact): void {
    const adapter = this.getEnabled(file, enqueue.adapters);
    if (adapter === undefined || this.isClaimed(file, enqueue.span.range)) return;
    const entry = this.set.byName.get(adapter);
    entry?.kind.defineNamedSites?.(file, enqueue, entry.config, this);
  }
}
