/** How a `class-job` adapter names, defines and enqueues jobs that are classes, and how users declare one. */
import { z } from 'zod';
import type { AdapterConfigBase } from '../kind.js';
import { adapterName, argumentIndex, identifier, qualified, serialization } from '../shared/schema.js';

/** Where a class-job reads a name from: a static property, or a key of a static options object. */
export interface StaticSource {
  staticProperty?: string;
  staticOptions?: { property: string; key: string };
}

export interface ClassJobConfig extends AdapterConfigBase {
  type: 'class-job';
  /** A class is a job when its superclass chain (followed through project files) reaches one of these names. */
  baseClasses: string[];
  /** ... or a name ending in one of these (`['Job', 'Task']` for the activejob preset). */
  baseClassSuffixes?: string[];
  handlerMethods: string[];
  /** Read payload fields from the base class's type argument (`extends Job<Payload>`) when the handler's parameter has no type. */
  payloadTypeArgument?: boolean;
  /** Where the wire name comes from; the class name when absent or unset on the class. */
  wireName?: StaticSource;
  queue?: StaticSource;
  enqueue: {
    /** `X.performLater(...)`, `X.set({...}).performLater(...)` (via), `X.dispatch(p).toQueue('q')` (queueMethods). */
    static?: { methods: string[]; via?: string[]; queueMethods?: string[] };
    /** `new X().schedule(props)`. */
    instance?: { methods: string[] };
    /** `Sidequest.build(X).queue('q').enqueue(...args)`: methods map to the index of the first job argument. */
    builder?: { object: string; method: string; methods: Record<string, number>; queueMethods?: string[] };
    /** `svc.add(X.name, data)`: the job class named by `X.name` at `nameArg`, its payload at `payloadArg`. */
    service?: { methods: string[]; nameArg: number; payloadArg: number };
  };
}

const staticSource = z.strictObject({
  staticProperty: identifier.optional(),
  staticOptions: z.strictObject({ property: identifier, key: identifier }).optional(),
});

export const classJobSchema = z.strictObject({
  type: z.literal('class-job'),
  name: adapterName,
  extends: z.string().optional(),
  baseClasses: z.array(qualified).optional(),
  baseClassSuffixes: z.array(identifier).optional(),
  handlerMethods: z.array(identifier).min(1).optional(),
  payloadTypeArgument: z.boolean().optional(),
  wireName: staticSource.optional(),
  queue: staticSource.optional(),
  enqueue: z
    .strictObject({
      static: z.strictObject({ methods: z.array(identifier).min(1), via: z.array(identifier).optional(), queueMethods: z.array(identifier).optional() }).optional(),
      instance: z.strictObject({ methods: z.array(identifier).min(1) }).optional(),
      builder: z
        .strictObject({ object: identifier, method: identifier, methods: z.record(identifier, argumentIndex), queueMethods: z.array(identifier).optional() })
        .optional(),
      service: z.strictObject({ methods: z.array(identifier).min(1), nameArg: argumentIndex, payloadArg: argumentIndex }).optional(),
    })
    .optional(),
  serialization,
});
