/**
 * Workflow modules: workflows as the exported functions of modules that import the workflow
 * package, activities as the exported functions of the modules they proxy; started through a
 * client or as children, activities called through their proxy.
 */
import type { AdapterKind, KindNeeds } from '../kind.js';
import { getCallName } from '../shared/calls.js';
import { derivedFrom } from '../shared/derived.js';
import { escapeRegExp, getReceiverToken } from '../shared/tokens.js';
import type { WorkflowModuleConfig } from './config.js';
import { addActivityProxy, addExportedFunctions, addWorkflowCalls, type WorkflowState } from './extract.js';
import type { WorkflowFacts } from './facts.js';
import { WORKFLOW_MODULE_PRESETS } from './presets.js';
import { defineWorkflowJobs, defineWorkflowSites } from './resolve.js';

export const workflowModuleKind: AdapterKind<WorkflowModuleConfig> = {
  type: 'workflow-module',
  presets: WORKFLOW_MODULE_PRESETS,
  needs: getNeeds,
  extract(configs, { namedEnqueues }) {
    const own: WorkflowFacts = {};
    const state: WorkflowState = { activities: new Map(), proxies: new Map() };
    const callNames = getCallNames(configs);
    return {
      visitor: {
        VariableDeclarator: (node) => addActivityProxy(node, configs, own, state),
        ExportNamedDeclaration: (node) => addExportedFunctions(node, own),
        CallExpression(node) {
          // Activities are called by whatever name the proxy gave them.
          if (state.activities.size === 0 && state.proxies.size === 0 && !callNames.has(getCallName(node) ?? '')) return;
          addWorkflowCalls(node, configs, state, namedEnqueues);
        },
      },
      finish: () => (Object.keys(own).length > 0 ? own : undefined),
    };
  },
  defineJobs: defineWorkflowJobs,
  defineNamedSites: defineWorkflowSites,
};

function getNeeds(configs: readonly WorkflowModuleConfig[], packagesOf: (adapter: string) => readonly string[]): KindNeeds {
  return {
    tokens: configs.flatMap((config) => {
      const methods = config.client.methods.map(escapeRegExp).join('|');
      const clients = (config.client.clientNames ?? []).map((name) => getReceiverToken({ names: [name], types: [] }, config.client.methods));
      return [`${escapeRegExp(config.client.object)} *\\. *(${methods}) *[(<]`, ...clients.filter((token): token is string => token !== undefined)];
    }),
    // Workflow modules and the code that starts workflows import the framework; activity modules are reached through `typeof` imports.
    packages: configs.flatMap((config) => [...packagesOf(config.name), ...config.workflowPackages]),
  };
}

const getCallNames = derivedFrom((configs: readonly WorkflowModuleConfig[]) => new Set(configs.flatMap((config) => [...config.client.methods, ...config.childFunctions])));
