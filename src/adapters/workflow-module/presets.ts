/** The workflow-module presets: data only. */
import type { Preset } from '../kind.js';
import type { WorkflowModuleConfig } from './config.js';

/**
 * Temporal: the exported functions of workflow modules (which import `@temporalio/workflow`) and of the
 * activity modules they proxy; `client.workflow.start(example, { args })`, `executeChild`, proxied activity calls.
 */
const TEMPORAL: WorkflowModuleConfig = {
  type: 'workflow-module',
  name: 'temporal',
  workflowPackages: ['@temporalio/workflow'],
  activityProxies: ['proxyActivities', 'proxyLocalActivities'],
  localActivityProxies: ['proxyLocalActivities'],
  // `client.workflow.start(...)` (Client), and `WorkflowClient`'s own `client.start(...)`.
  client: { object: 'workflow', methods: ['start', 'execute', 'signalWithStart'], clientNames: ['client'] },
  childFunctions: ['executeChild', 'startChild'],
  argsKey: 'args',
  serialization: 'json',
};

export const WORKFLOW_MODULE_PRESETS: ReadonlyArray<Preset<WorkflowModuleConfig>> = [{ config: TEMPORAL, packages: ['@temporalio/client', '@temporalio/workflow', '@temporalio/worker', '@temporalio/activity'] }];
