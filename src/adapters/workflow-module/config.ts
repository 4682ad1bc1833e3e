import type { AdapterConfigBase } from '../kind.js';

/**
 * Workflows as exported functions of modules that import the workflow package, and activities as
 * the exported functions of a module that a workflow proxies (Temporal): `client.workflow.start(wf,
 * { args })`, `executeChild(wf, { args })`, and calls of `proxyActivities<typeof activities>()`'s functions.
 */
export interface WorkflowModuleConfig extends AdapterConfigBase {
  type: 'workflow-module';
  /** A module that imports one of these packages defines a workflow per exported function. */
  workflowPackages: string[];
  /** `proxyActivities<typeof activities>(options)`: every exported function of `activities`' module is an activity. */
  activityProxies: string[];
  /**
   * Of those, the ones whose activities run in the worker of their workflow (`proxyLocalActivities`):
   * always the same version as the workflow, so never compared across versions.
   */
  localActivityProxies: string[];
  /**
   * `client.workflow.start(wf, options)`: methods of an object of this name. `clientNames`:
   * receivers whose last name contains one of these (`temporalClient.start(wf, ...)`,
   * `(await connectWorkflowClient()).start(wf, ...)`) start the workflow function they are given.
   */
  client: { object: string; methods: string[]; clientNames?: string[] };
  /** `executeChild(wf, options)`: functions that start a child workflow. */
  childFunctions: string[];
  /** The key of the options object that holds the workflow's arguments. */
  argsKey: string;
}
