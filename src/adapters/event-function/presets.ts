/** The event-function presets: data only. */
import type { Preset } from '../kind.js';
import type { EventFunctionConfig } from './config.js';

/**
 * Inngest v3/v4: `inngest.createFunction({ id, triggers: [{ event: 'app/user.created' }] }, handler)`, event types
 * (`eventType('app/user.created', { schema })`); `inngest.send({ name, data })`, `step.sendEvent(id, event)`.
 */
const INNGEST: EventFunctionConfig = {
  type: 'event-function',
  name: 'inngest',
  methods: ['createFunction'],
  eventTypes: ['eventType'],
  send: [
    { methods: ['send'], nameArg: 0, payloadArg: 0, payload: 'request', receiver: { names: ['inngest'], types: ['Inngest'] } },
    { methods: ['sendEvent'], nameArg: 1, payloadArg: 1, payload: 'request', receiver: { names: ['step'], types: [] } },
  ],
  serialization: 'json',
};

export const EVENT_FUNCTION_PRESETS: ReadonlyArray<Preset<EventFunctionConfig>> = [{ config: INNGEST, packages: ['inngest'] }];
