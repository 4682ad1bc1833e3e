/**
 * Event functions: functions triggered by named events (`inngest.createFunction({ id, triggers:
 * [{ event }] }, handler)`), events typed by event types with a schema of their data, and events
 * sent as `{ name, data }` objects or created from an event type.
 */
import type { AdapterKind, KindNeeds } from '../kind.js';
import { derivedFrom } from '../shared/derived.js';
import { escapeRegExp, getReceiverToken } from '../shared/tokens.js';
import type { EventFunctionConfig } from './config.js';
import { addEventCalls, type EventOut } from './extract.js';
import { EVENT_FUNCTION_PRESETS } from './presets.js';
import { defineEventJobs, defineEventSites } from './resolve.js';

export const eventFunctionKind: AdapterKind<EventFunctionConfig> = {
  type: 'event-function',
  presets: EVENT_FUNCTION_PRESETS,
  needs: getNeeds,
  extract(configs, { namedEnqueues, syntax }) {
    const out: EventOut = { eventFunctions: [], namedEnqueues };
    return {
      calls: { names: getCallNames(configs), read: (node) => addEventCalls(node, configs, out, syntax) },
      finish: () => (out.eventFunctions.length > 0 ? { eventFunctions: out.eventFunctions } : undefined),
    };
  },
  defineJobs: defineEventJobs,
  defineNamedSites: defineEventSites,
};

function getNeeds(configs: readonly EventFunctionConfig[], packagesOf: (adapter: string) => readonly string[]): KindNeeds {
  const tokens: string[] = [];
  for (const config of configs) {
    tokens.push(`\\. *(${config.methods.map(escapeRegExp).join('|')}) *\\(`);
    for (const shape of config.send) {
      const token = shape.receiver && getReceiverToken(shape.receiver, shape.methods);
      if (token) tokens.push(token);
    }
  }
  return {
    tokens,
    packages: configs.flatMap((config) => packagesOf(config.name)),
    receivers: { types: configs.flatMap((config) => config.send.flatMap((shape) => shape.receiver?.types ?? [])) },
  };
}

const getCallNames = derivedFrom((configs: readonly EventFunctionConfig[]) => new Set(configs.flatMap((config) => [...config.methods, ...config.send.flatMap((shape) => shape.methods)])));
