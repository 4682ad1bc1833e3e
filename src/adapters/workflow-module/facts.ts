/** What one file says about workflows and activities, before anything is resolved across files. */

/** The workflow-module kind's facts of one file, under `facts.kinds['workflow-module']`. */
export interface WorkflowFacts {
  /** Module-level functions the module exports under their own name (`export function x`, `export const x = () => ...`). */
  exportedFunctions?: string[];
  /** `proxyActivities<typeof activities>()`: the modules whose exported functions are activities, by reference. */
  activityProxies?: Array<{ adapters: string[]; module: string[] }>;
}
