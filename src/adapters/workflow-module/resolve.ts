/**
 * Workflows and activities across files: each exported function of a module that imports a
 * workflow package is a workflow, and each exported function of a module a workflow proxies is
 * an activity, named by the function, its arguments positional.
 */
import type { JobContract } from '../../model/contract.js';
import type { FileFacts, NamedEnqueueFact } from '../../model/facts.js';
import { getKindFacts, type ResolveContext } from '../kind.js';
import { setSignature } from '../shared/contracts.js';
import { addNamedSites, getBoundValues, isCallOnClass, getCallFields } from '../shared/sites.js';
import type { WorkflowModuleConfig } from './config.js';
import type { WorkflowFacts } from './facts.js';
import { getOwn } from '../../model/records.js';

function getWorkflowFacts(facts: FileFacts | undefined): WorkflowFacts | undefined {
  return facts && getKindFacts<WorkflowFacts>(facts, 'workflow-module');
}

export function defineWorkflowJobs(file: string, facts: FileFacts, configs: readonly WorkflowModuleConfig[], context: ResolveContext): void {
  addWorkflowModule(file, facts, configs, context);
  for (const proxy of getWorkflowFacts(facts)?.activityProxies ?? []) addActivityModule(file, proxy, configs, context);
  addStartedWorkflows(file, facts, configs, context);
}

/**
 * `client.workflow.start(example, ...)`: the function a start names is a workflow, even in a
 * module that does not import the workflow package (its imports may all be type-only, or go
 * through a module of the app).
 */
function addStartedWorkflows(file: string, facts: FileFacts, configs: readonly WorkflowModuleConfig[], context: ResolveContext): void {
  for (const enqueue of facts.namedEnqueues ?? []) {
    // A call on an object recognized by its name alone makes no workflow of what it is given.
    if (!enqueue.byBinding || enqueue.byReceiverName) continue;
    const adapter = context.getEnabled(file, enqueue.adapters);
    const config = configs.find((candidate) => candidate.name === adapter);
    if (!config) continue;
    for (const value of getBoundValues(context, file, enqueue)) {
      const target = context.files.get(value.file);
      const name = value.value.kind === 'function' ? value.value.fn.method : undefined;
      if (target && name !== undefined && getWorkflowFacts(target)?.exportedFunctions?.includes(name)) addFunctionJob(name, value.file, target, name, config, context);
    }
  }
}

/** `client.workflow.start(example, ...)` on a workflow function; activity calls and starts by name make sites by string. */
export function defineWorkflowSites(file: string, enqueue: NamedEnqueueFact, config: WorkflowModuleConfig, context: ResolveContext): void {
  if (isCallOnClass(context, file, enqueue)) return;
  if (!enqueue.byBinding) {
    addNamedSites(context, file, enqueue, config.name);
    return;
  }
  for (const value of getBoundValues(context, file, enqueue)) {
    if (value.value.kind !== 'function') continue;
    context.addSite({ wireName: value.value.fn.method, nameSource: 'class', ...getCallFields(file, enqueue), adapter: config.name });
  }
}

/** Whether a module imports one of the workflow packages: its exported functions are workflows. */
function isWorkflowModule(file: string, config: WorkflowModuleConfig, context: ResolveContext): boolean {
  return Object.values(context.files.get(file)?.imports ?? {}).some((binding) => config.workflowPackages.includes(binding.source));
}

function addWorkflowModule(file: string, facts: FileFacts, configs: readonly WorkflowModuleConfig[], context: ResolveContext): void {
  if (!getWorkflowFacts(facts)?.exportedFunctions) return;
  for (const config of configs) {
    if (!context.isEnabled(file, config.name) || !isWorkflowModule(file, config, context)) continue;
    addExportedFunctionJobs(file, facts, config, context);
    return;
  }
}

/** `proxyActivities<typeof activities>()`: each exported function of the activities module is an activity. */
function addActivityModule(file: string, proxy: { adapters: string[]; module: string[] }, configs: readonly WorkflowModuleConfig[], context: ResolveContext): void {
  const adapter = context.getEnabled(file, proxy.adapters);
  const config = configs.find((candidate) => candidate.name === adapter);
  const module = config && context.resolver.resolveValue(file, proxy.module);
  if (!config || module?.value.kind !== 'object') return;
  const facts = context.files.get(module.file);
  if (!facts) return;
  addExportedFunctionJobs(module.file, facts, config, context);
  // An activities barrel (`export * from './email'`, `export { send as sendEmail } from './email'`):
  // each function it passes on is an activity under the name the barrel gives it.
  for (const reExport of context.resolver.listReExports(module.file)) {
    const target = context.files.get(reExport.file);
    if (target && getWorkflowFacts(target)?.exportedFunctions?.includes(reExport.local)) addFunctionJob(reExport.exported, reExport.file, target, reExport.local, config, context);
  }
}

function addExportedFunctionJobs(file: string, facts: FileFacts, config: WorkflowModuleConfig, context: ResolveContext): void {
  for (const name of getWorkflowFacts(facts)?.exportedFunctions ?? []) addFunctionJob(name, file, facts, name, config, context);
}

function addFunctionJob(wireName: string, file: string, facts: FileFacts, local: string, config: WorkflowModuleConfig, context: ResolveContext): void {
  const value = getOwn(facts.values, local);
  if (value?.kind !== 'function') return;
  const contract: JobContract = { wireName, location: { file, span: value.fn.span }, handler: local, style: 'positional', params: [], fields: [], adapter: config.name };
  if (config.serialization) contract.serialization = config.serialization;
  setSignature(contract, { file, fn: value.fn }, context.resolver);
  context.addJob(contract);
}
