/**
 * Task definitions: tasks defined by a call with an options object whose `id` is the wire name
 * (`task({ id: 'hello', run })`), triggered through the task object or by id.
 */
import type { AdapterKind, KindNeeds } from '../kind.js';
import { derivedFrom } from '../shared/derived.js';
import { escapeRegExp } from '../shared/tokens.js';
import type { TaskDefinitionConfig } from './config.js';
import { addTaskCalls, type TaskOut } from './extract.js';
import { TASK_DEFINITION_PRESETS } from './presets.js';
import { defineTaskJobs, defineTaskSites } from './resolve.js';

export const taskDefinitionKind: AdapterKind<TaskDefinitionConfig> = {
  type: 'task-definition',
  presets: TASK_DEFINITION_PRESETS,
  needs: getNeeds,
  extract(configs, { namedEnqueues, syntax }) {
    const out: TaskOut = { taskDefinitions: [], namedEnqueues };
    return {
      calls: { names: getCallNames(configs), read: (node) => addTaskCalls(node, configs, out, syntax) },
      finish: () => (out.taskDefinitions.length > 0 ? { taskDefinitions: out.taskDefinitions } : undefined),
    };
  },
  defineJobs: defineTaskJobs,
  defineNamedSites: defineTaskSites,
};

function getTaskMethods(config: TaskDefinitionConfig): string[] {
  return [...Object.keys(config.taskMethods), ...Object.keys(config.byId.methods), ...config.byIdItems.methods, ...config.byTaskItems.methods];
}

function getNeeds(configs: readonly TaskDefinitionConfig[], packagesOf: (adapter: string) => readonly string[]): KindNeeds {
  return {
    tokens: configs.map((config) => `\\. *(${[...new Set(getTaskMethods(config))].map(escapeRegExp).join('|')}) *[(<]`),
    packages: configs.flatMap((config) => packagesOf(config.name)),
  };
}

const getCallNames = derivedFrom((configs: readonly TaskDefinitionConfig[]) => new Set(configs.flatMap((config) => [...config.definers.map((definer) => definer.slice(definer.lastIndexOf('.') + 1)), ...getTaskMethods(config)])));
