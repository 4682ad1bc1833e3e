import type { AdapterConfigBase } from '../kind.js';
import type { NamedEnqueueShape } from '../shared/named-enqueue.js';

/**
 * Functions triggered by named events (Inngest): `inngest.createFunction({ id, triggers: [{ event }] }, handler)`
 * (or the trigger as a second argument), event types with a schema of their data (`eventType('name', { schema })`),
 * and events sent as `{ name, data }` objects or created from an event type (`userCreated.create(data)`).
 */
export interface EventFunctionConfig extends AdapterConfigBase {
  type: 'event-function';
  /** `inngest.createFunction(options, [trigger,] handler)`. */
  methods: string[];
  /** `eventType('app/user.created', { schema })`. */
  eventTypes: string[];
  /** `inngest.send(event | events[])`, `step.sendEvent(id, event | events[])`: events as `{ name, data }` or `type.create(data)`. */
  send: NamedEnqueueShape[];
}
