/** What one file says about functions triggered by events, before anything is resolved across files. */
import type { HandlerFact, NameRef, SourceSpan } from '../../model/facts.js';

/** `inngest.createFunction({ id, triggers: [{ event: 'app/user.created' }] }, handler)`: a function per event it is triggered by. */
export interface EventFunctionFact {
  adapters: string[];
  /** The events, as written: a name, or a reference to an event type (`{ event: userCreated }`, `[userCreated]`). */
  events: Array<{ name: NameRef; span: SourceSpan; byType?: boolean }>;
  handler?: HandlerFact;
  span: SourceSpan;
}

/** The event-function kind's facts of one file, under `facts.kinds['event-function']`. */
export interface EventFacts {
  eventFunctions: EventFunctionFact[];
}
