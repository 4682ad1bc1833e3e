/**
 * The adapters a JobPattern stands for, resolved once per pattern: which configurations are
 * extracted, in which priority, which are enabled for a file, and the prefilter they share.
 */
import type { AdapterConfig, AdapterSetting, ClassJobConfig, QueueWorkerConfig, ReceiverConstraint, EventFunctionConfig, StringRegistryConfig, TaskDefinitionConfig, WorkflowModuleConfig } from './config.js';
import type { JobPattern } from './job-pattern.js';
import { ACTIVEJOB, getActiveJobConfig, PRESET_NAMES, PRESET_PACKAGES, PRESETS } from './presets.js';

export interface AdapterSet {
  /** Every adapter whose facts are extracted, in priority order: declared ones, presets, activejob last. */
  adapters: AdapterConfig[];
  classJobs: ClassJobConfig[];
  registries: StringRegistryConfig[];
  queueWorkers: QueueWorkerConfig[];
  taskDefinitions: TaskDefinitionConfig[];
  workflowModules: WorkflowModuleConfig[];
  eventFunctions: EventFunctionConfig[];
  /** Adapters enabled in every file (`frameworks` set, and declared adapters); undefined for automatic selection. */
  explicit?: ReadonlySet<string>;
  /** Declared adapters: always enabled. */
  declared: ReadonlySet<string>;
  candidatePattern: string;
  /** Handler methods of every class-job adapter. */
  handlerMethods: ReadonlySet<string>;
  /** Static properties and static option objects that class-job adapters read. */
  staticProperties: ReadonlySet<string>;
  staticOptions: ReadonlySet<string>;
  /** Constructors and types of the objects that receiver-constrained methods are called on (`Queue`, `PgBoss`). */
  receiverTypes: ReadonlySet<string>;
  /** Of those, the ones called without `new` too (Bull's `Bull('email')`). */
  callableReceivers: ReadonlySet<string>;
  /** Decorators that inject a named queue object (`@InjectQueue('email')`). */
  injectDecorators: ReadonlySet<string>;
  /**
   * Every name a registry, queue, task or workflow adapter reacts to as the method of a call
   * (`x.add(...)`) or as a called name (`addJob(...)`): calls named otherwise are skipped at once.
   */
  callNames: ReadonlySet<string>;
}

const sets = new WeakMap<JobPattern, AdapterSet>();
const setsByKey = new Map<string, AdapterSet>();

export function getAdapterSet(pattern: JobPattern): AdapterSet {
  let set = sets.get(pattern);
  if (!set) {
    const key = JSON.stringify(pattern);
    set = setsByKey.get(key) ?? createAdapterSet(pattern);
    setsByKey.set(key, set);
    sets.set(pattern, set);
  }
  return set;
}

/** Why a `frameworks` or `adapters` setting cannot be used, or undefined when it can. */
export function getAdapterSettingsProblem(frameworks: string[] | undefined, adapters: AdapterSetting[] | undefined): string | undefined {
  const declared = new Set<string>();
  for (const [index, adapter] of (adapters ?? []).entries()) {
    if (declared.has(adapter.name)) return `adapters.${index}.name: '${adapter.name}' is declared twice`;
    declared.add(adapter.name);
    if (adapter.extends !== undefined) {
      const base = adapter.extends === ACTIVEJOB ? { type: 'class-job' } : PRESETS.get(adapter.extends);
      if (!base) return `adapters.${index}.extends: '${adapter.extends}' is not a preset (${PRESET_NAMES.join(', ')})`;
      if (base.type !== adapter.type) return `adapters.${index}.extends: '${adapter.extends}' is a ${base.type} preset, not a ${adapter.type} one`;
    }
  }
  for (const [index, name] of (frameworks ?? []).entries()) {
    if (!PRESET_NAMES.includes(name) && !declared.has(name)) {
      return `frameworks.${index}: '${name}' is neither a preset (${PRESET_NAMES.join(', ')}) nor a declared adapter`;
    }
  }
  return undefined;
}

/**
 * Whether an adapter is enabled for a file whose nearest package.json depends on
 * `dependencies` (undefined: no package.json above the file).
 */
export function isAdapterEnabled(set: AdapterSet, name: string, dependencies: readonly string[] | undefined): boolean {
  if (set.explicit) return set.explicit.has(name);
  if (name === ACTIVEJOB || set.declared.has(name)) return true;
  const packages = PRESET_PACKAGES[name];
  return packages !== undefined && dependencies !== undefined && packages.some((pkg) => dependencies.includes(pkg));
}

function createAdapterSet(pattern: JobPattern): AdapterSet {
  const activeJob = getActiveJobConfig(pattern);
  const declared = (pattern.adapters ?? []).map((setting) => toConfig(setting, activeJob));
  const declaredNames = new Set(declared.map((config) => config.name));
  const presets = [...PRESETS.values()].filter((config) => !declaredNames.has(config.name));
  if (!declaredNames.has(ACTIVEJOB)) presets.push(activeJob);
  const wanted = pattern.frameworks ? new Set([...pattern.frameworks, ...declaredNames]) : undefined;
  const adapters = [...declared, ...presets].filter((config) => !wanted || wanted.has(config.name));
  const classJobs = adapters.filter((config): config is ClassJobConfig => config.type === 'class-job');
  const registries = adapters.filter((config): config is StringRegistryConfig => config.type === 'string-registry');
  const queueWorkers = adapters.filter((config): config is QueueWorkerConfig => config.type === 'queue-worker');
  const taskDefinitions = adapters.filter((config): config is TaskDefinitionConfig => config.type === 'task-definition');
  const workflowModules = adapters.filter((config): config is WorkflowModuleConfig => config.type === 'workflow-module');
  const eventFunctions = adapters.filter((config): config is EventFunctionConfig => config.type === 'event-function');
  const receivers = [...getReceiverConstraints(registries, queueWorkers), ...eventFunctions.flatMap((config) => config.send.flatMap((shape) => (shape.receiver ? [shape.receiver] : [])))];
  const set: AdapterSet = {
    adapters,
    classJobs,
    registries,
    queueWorkers,
    taskDefinitions,
    workflowModules,
    eventFunctions,
    declared: declaredNames,
    candidatePattern: getCandidateTokens(classJobs, registries, queueWorkers, taskDefinitions, workflowModules, eventFunctions).join('|'),
    handlerMethods: new Set(classJobs.flatMap((config) => config.handlerMethods)),
    staticProperties: new Set(
      classJobs.flatMap((config) => [config.wireName?.staticProperty, config.queue?.staticProperty]).filter((name) => name !== undefined),
    ),
    staticOptions: new Set(
      classJobs.flatMap((config) => [config.wireName?.staticOptions?.property, config.queue?.staticOptions?.property]).filter((name) => name !== undefined),
    ),
    receiverTypes: new Set([...receivers.flatMap((receiver) => receiver.types), ...queueWorkers.flatMap((config) => config.flows?.types ?? [])]),
    callableReceivers: new Set(queueWorkers.flatMap((config) => config.factories ?? [])),
    injectDecorators: new Set(queueWorkers.flatMap((config) => config.nest.inject)),
    callNames: getCallNames(registries, queueWorkers, taskDefinitions, workflowModules, eventFunctions),
  };
  if (wanted) set.explicit = wanted;
  return set;
}

/** A declared adapter with its preset (`extends`) and the defaults filled in. */
function toConfig(setting: AdapterSetting, activeJob: ClassJobConfig): AdapterConfig {
  const { extends: base, ...own } = setting;
  const preset = base === ACTIVEJOB ? activeJob : base !== undefined ? PRESETS.get(base) : undefined;
  if (own.type === 'class-job') {
    const from = preset?.type === 'class-job' ? preset : undefined;
    return { baseClasses: [], handlerMethods: ['perform'], ...from, ...withoutUndefined(own), ...mergeEnqueue(from, own) } as ClassJobConfig;
  }
  const from = preset?.type === 'string-registry' ? preset : undefined;
  return { handler: 'arguments', enqueue: [], ...from, ...withoutUndefined(own) } as StringRegistryConfig;
}

function mergeEnqueue(from: ClassJobConfig | undefined, own: { enqueue?: ClassJobConfig['enqueue'] }): { enqueue: ClassJobConfig['enqueue'] } {
  return { enqueue: { ...from?.enqueue, ...own.enqueue } };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/** Names that appear in ordinary code too often to select files by: such handlers are found through their enqueue sites. */
const COMMON_METHOD_NAMES = new Set(['run', 'handle', 'execute', 'process', 'call', 'invoke', 'start', 'exec']);

/** A character that may start an argument: never a newline, so `git grep` and RegExp agree. */
const ARGUMENT_START = "[A-Za-z0-9_$'\"`[{]";
const SIMPLE_ARGUMENT = "[A-Za-z0-9_$'\"` .*+/-]*";
/**
 * A simple first argument (a literal, a name, arithmetic, one call) followed by a comma: an
 * interval or a queue before the job's name. Callbacks (`items.every((x) => ...)`) do not match.
 */
const FIRST_ARGUMENT = `${SIMPLE_ARGUMENT}(\\(${SIMPLE_ARGUMENT}\\)${SIMPLE_ARGUMENT})?,`;

function getCallNames(
  registries: StringRegistryConfig[],
  queueWorkers: QueueWorkerConfig[],
  taskDefinitions: TaskDefinitionConfig[],
  workflowModules: WorkflowModuleConfig[],
  eventFunctions: EventFunctionConfig[],
): Set<string> {
  const names = new Set<string>();
  const add = (list: Iterable<string> | undefined): void => {
    for (const name of list ?? []) names.add(name);
  };
  for (const config of registries) {
    for (const shape of config.register ?? []) add(shape.methods);
    for (const shape of config.enqueue) add(shape.methods);
    for (const shape of config.maps ?? []) add(shape.functions);
  }
  for (const config of queueWorkers) {
    add(config.processMethods);
    add([...config.enqueue.add, ...config.enqueue.bulk, ...config.enqueue.schedulers]);
    add(config.flows?.methods);
  }
  for (const config of taskDefinitions) {
    add(config.definers.map((definer) => definer.slice(definer.lastIndexOf('.') + 1)));
    add(Object.keys(config.taskMethods));
    add(Object.keys(config.byId.methods));
    add([...config.byIdItems.methods, ...config.byTaskItems.methods]);
  }
  for (const config of workflowModules) add([...config.client.methods, ...config.childFunctions]);
  for (const config of eventFunctions) add([...config.methods, ...config.send.flatMap((shape) => shape.methods)]);
  return names;
}

function getReceiverConstraints(registries: StringRegistryConfig[], queueWorkers: QueueWorkerConfig[]): ReceiverConstraint[] {
  return [
    ...registries.flatMap((config) => [...(config.register ?? []).map((shape) => shape.receiver), ...config.enqueue.map((shape) => shape.receiver)]),
    ...queueWorkers.map((config) => config.queues),
  ].filter((receiver): receiver is ReceiverConstraint => receiver !== undefined);
}

/** `[Qq]ueue`: a receiver name as written in code, its first letter in either case. */
function getNameToken(name: string): string {
  const first = name[0]!;
  return `[${first.toUpperCase()}${first.toLowerCase()}]${escapeRegExp(name.slice(1))}`;
}

/** A method called on a receiver whose name contains one of `names`: `emailQueue.add(`, `this.boss.send(`. */
function getReceiverToken(receiver: ReceiverConstraint, methods: string[]): string | undefined {
  if (receiver.names.length === 0 || methods.length === 0) return undefined;
  return `(${receiver.names.map(getNameToken).join('|')})[A-Za-z0-9_$.]*\\. *(${methods.map(escapeRegExp).join('|')}) *[(<]`;
}

function getCandidateTokens(
  classJobs: ClassJobConfig[],
  registries: StringRegistryConfig[],
  queueWorkers: QueueWorkerConfig[],
  taskDefinitions: TaskDefinitionConfig[],
  workflowModules: WorkflowModuleConfig[],
  eventFunctions: EventFunctionConfig[],
): string[] {
  const bases = new Set<string>();
  const handlers = new Set<string>();
  const methods = new Set<string>();
  const tokens = new Set<string>();
  for (const config of classJobs) {
    const suffixes = config.baseClassSuffixes ?? [];
    if (suffixes.length > 0) bases.add(`[A-Za-z0-9_$.]*(${suffixes.map(escapeRegExp).join('|')})`);
    for (const base of config.baseClasses) bases.add(escapeRegExp(base));
    for (const handler of config.handlerMethods) if (!COMMON_METHOD_NAMES.has(handler)) handlers.add(escapeRegExp(handler));
    const { static: statics, instance, builder, service } = config.enqueue;
    for (const method of [...(statics?.methods ?? []), ...(instance?.methods ?? [])]) methods.add(escapeRegExp(method));
    if (builder) tokens.add(`${escapeRegExp(builder.object)} *\\. *${escapeRegExp(builder.method)} *\\(`);
    if (service) tokens.add(`\\.(${service.methods.map(escapeRegExp).join('|')}) *\\( *[A-Za-z0-9_$.]+\\.name *[,)]`);
  }
  const packages = new Set<string>();
  for (const config of registries) {
    if (getReceiverConstraints([config], []).length > 0) for (const pkg of PRESET_PACKAGES[config.name] ?? []) packages.add(escapeRegExp(pkg));
    for (const register of config.register ?? []) {
      const token = register.receiver && getReceiverToken(register.receiver, register.methods);
      if (token) tokens.add(token);
      else if (!register.receiver) for (const method of register.methods) methods.add(escapeRegExp(method));
    }
    for (const map of config.maps ?? []) {
      if (map.constructors) tokens.add(`new +([A-Za-z0-9_$]+\\.)?(${map.constructors.map(escapeRegExp).join('|')}) *[(<]`);
      if (map.property) tokens.add(`${escapeRegExp(map.property)} *[:,}]`);
    }
    if (config.directory || config.sql) for (const pkg of PRESET_PACKAGES[config.name] ?? []) packages.add(escapeRegExp(pkg));
    for (const fn of config.sql ?? []) tokens.add(escapeRegExp(fn));
    // The global declaration of payload types is read wherever it is.
    if (config.declaredPayloads) tokens.add(`namespace +${escapeRegExp(config.declaredPayloads.namespace)}`);
    // A task file in JavaScript may import nothing: `module.exports = async (payload, helpers) => ...`.
    if (config.directory) tokens.add('payload[A-Za-z0-9_$:<>.| ]*, *helpers');
    for (const shape of config.enqueue) {
      if (shape.receiver) {
        const token = getReceiverToken(shape.receiver, shape.methods);
        if (token) tokens.add(token);
        continue;
      }
      const methods = shape.methods.map(escapeRegExp).join('|');
      tokens.add(`${shape.bare ? '' : '\\.'}(${methods}) *(<[A-Za-z0-9_$.]*>)? *\\( *${shape.nameArg === 0 ? ARGUMENT_START : FIRST_ARGUMENT}`);
    }
  }
  for (const config of queueWorkers) {
    for (const pkg of PRESET_PACKAGES[config.name] ?? []) packages.add(escapeRegExp(pkg));
    const queueMethods = [...config.processMethods, ...config.enqueue.add, ...config.enqueue.bulk, ...config.enqueue.schedulers];
    const token = getReceiverToken(config.queues, queueMethods);
    if (token) tokens.add(token);
    if (config.workers.length > 0) tokens.add(`new +(${config.workers.map(escapeRegExp).join('|')}) *[(<]`);
    if (config.nest.processor.length > 0) tokens.add(`@(${config.nest.processor.map(escapeRegExp).join('|')}) *\\(`);
  }
  for (const config of taskDefinitions) {
    for (const pkg of PRESET_PACKAGES[config.name] ?? []) packages.add(escapeRegExp(pkg));
    const taskMethods = [...Object.keys(config.taskMethods), ...Object.keys(config.byId.methods), ...config.byIdItems.methods, ...config.byTaskItems.methods];
    tokens.add(`\\. *(${[...new Set(taskMethods)].map(escapeRegExp).join('|')}) *[(<]`);
  }
  for (const config of workflowModules) {
    // Workflow modules and the code that starts workflows import the framework; activity modules are reached through `typeof` imports.
    for (const pkg of [...(PRESET_PACKAGES[config.name] ?? []), ...config.workflowPackages]) packages.add(escapeRegExp(pkg));
    tokens.add(`${escapeRegExp(config.client.object)} *\\. *(${config.client.methods.map(escapeRegExp).join('|')}) *[(<]`);
  }
  for (const config of eventFunctions) {
    for (const pkg of PRESET_PACKAGES[config.name] ?? []) packages.add(escapeRegExp(pkg));
    tokens.add(`\\. *(${config.methods.map(escapeRegExp).join('|')}) *\\(`);
    for (const shape of config.send) {
      const token = shape.receiver && getReceiverToken(shape.receiver, shape.methods);
      if (token) tokens.add(token);
    }
  }
  // Any file that imports the framework's package: its processors, queues and flows are read.
  if (packages.size > 0) tokens.add(`['"](${[...packages].join('|')})['"/]`);
  const result: string[] = [];
  if (bases.size > 0) result.push(`extends +(${[...bases].join('|')})`);
  if (handlers.size > 0) result.push(`(${[...handlers].join('|')}) *[(<]`);
  if (methods.size > 0) result.push(`\\.(${[...methods].join('|')}) *[(<]`);
  result.push(...tokens);
  // No adapter at all: a pattern that selects nothing.
  return result.length > 0 ? result : ['$^'];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
