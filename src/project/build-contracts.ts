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
import type { ContractSet, DispatcherContract, EnqueueSite, JobContract } from '../model/contract.js';
import type { FileFacts, NamedEnqueueFact } from '../model/facts.js';
import { type MissingModule, ProjectResolver } from '../resolve/resolver.js';
import { getPackageDependencies } from './packages.js';

/**
 * @param onMissing called with each relative module the resolution needs and that is not
 * loaded: the loader reads those and builds again, so discovery follows the build itself.
 */
export function buildContractSet(files: ReadonlyMap<string, FileFacts>, pattern: JobPattern, onMissing?: MissingModule): ContractSet {
  return new ContractBuilder(files, getAdapterSet(pattern), onMissing).build();
}

class ContractBuilder implements ResolveContext {
  readonly resolver: ProjectResolver;
  private readonly jobs = new Map<string, JobContract>();
  private readonly sites: EnqueueSite[] = [];
  private readonly claimed = new Set<string>();
  private readonly dispatchers: DispatcherContract[] = [];
  private readonly dependenciesByDir = new Map<string, readonly string[] | undefined>();
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly files: ReadonlyMap<string, FileFacts>,
    private readonly set: AdapterSet,
    onMissing?: MissingModule,
  ) {
    this.resolver = new ProjectResolver(files, onMissing);
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
    if (this.jobs.has(job.wireName)) return false;
    this.jobs.set(job.wireName, job);
    return true;
  }

  hasJob(wireName: string): boolean {
    return this.jobs.has(wireName);
  }

  addSite(site: EnqueueSite): void {
    this.sites.push(site);
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
    return isAdapterEnabled(this.set, adapter, getPackageDependencies(this.files, file, this.dependenciesByDir));
  }

  getEnabled(file: string, adapters: readonly string[] | undefined): string | undefined {
    const dependencies = getPackageDependencies(this.files, file, this.dependenciesByDir);
    return (adapters ?? []).find((name) => isAdapterEnabled(this.set, name, dependencies));
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
