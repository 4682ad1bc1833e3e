/** What one file says about queue processors, before anything is resolved across files. */
import type { HandlerFact, HandlerRef, NameRef, PayloadSource, SourceSpan } from '../../model/facts.js';

/**
 * A queue processor: `new Worker('email', fn)` (BullMQ), `queue.process('name', fn)` (Bull),
 * a NestJS `@Processor('email')` class's `process` method or `@Process('name')` methods.
 */
export interface ProcessorFact {
  adapters: string[];
  /** The queue as written: `new Worker('email', ...)`, `@Processor('email')`. */
  queue?: NameRef;
  /** Bull's `queue.process(...)`: the queue object, whose binding names the queue. */
  receiverPath?: string[];
  /** The job names it takes (`process('name', fn)`, `@Process('name')`); absent: every name, or those its dispatch handles. */
  names?: NameRef[];
  /** The function that runs the jobs; absent when it cannot be read (a sandboxed processor file). */
  handler?: HandlerRef;
  /** `new Worker<Data>(...)`: the data of every job of the queue. */
  typeArgument?: PayloadSource;
  /** The processor's methods (NestJS classes), for cases that call `this.method(job)`. */
  methods?: Record<string, HandlerFact>;
  span: SourceSpan;
}

/** The queue-worker kind's facts of one file, under `facts.kinds['queue-worker']`. */
export interface QueueWorkerFacts {
  processors: ProcessorFact[];
}
