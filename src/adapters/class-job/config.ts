/** How a `class-job` adapter names, defines and enqueues jobs that are classes, and how users declare one. */
import { z } from 'zod';
import type { AdapterConfigBase } from '../kind.js';
import { adapterName, argumentIndex, identifier, qualified, serialization } from '../shared/schema.js';

/** Where a class-job reads a name from: a static property, or a key of a static options object. */
export interface StaticSource {
  staticProperty?: string;
  staticOptions?: { property: string; key: string };
  /** The first argument of `super(...)` in the constructor of the class or of the nearest class of its chain that calls one. */
  superArgument?: boolean;
  /** The name of the class's file, without extension, when the class is that file's default export (a registry of a folder's modules). */
  fileName?: boolean;
}

/**
 * Objects that enqueue onto a job by name without being the job: `this.emailQueue.add(data)` on a
 * field or constructor parameter declared as a class whose chain reaches `baseClasses` (an
 * in-house queue service); the wire name is that class's name source (`wireName`). The payload
 * is argument `arg`, or, with `key`, the `key` of that argument when it is an object literal
 * (`add({ name, data })`); a shape applies only to calls it can read that way.
 */
export interface ProducerShape {
  baseClasses: string[];
  methods: string[];
  arg: number;
  key?: string;
  /** The argument is an array of such objects (`addBulk([{ name, data }])`): one site per element. */
  batch?: boolean;
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
  /** 'job-data': the handler receives a job whose `data` is the payload (`(job: Job<Data>)`, `({ data }: { data: Data })`). */
  payload?: 'job-data';
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
    producers?: ProducerShape[];
  };
}

const staticSource = z.strictObject({
  staticProperty: identifier.optional(),
  staticOptions: z.strictObject({ property: identifier, key: identifier }).optional(),
  superArgument: z.boolean().optional(),
  fileName: z.boolean().optional(),
});

export const classJobSchema = z.strictObject({
  type: z.literal('class-job'),
  name: adapterName,
  extends: z.string().optional(),
  framework: z.string().optional(),
  baseClasses: z.array(qualified).optional(),
  baseClassSuffixes: z.array(identifier).optional(),
  handlerMethods: z.array(identifier).min(1).optional(),
  payloadTypeArgument: z.boolean().optional(),
  payload: z.literal('job-data').optional(),
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
      producers: z
        .array(
          z.strictObject({
            baseClasses: z.array(qualified).min(1),
            methods: z.array(identifier).min(1),
            arg: argumentIndex,
            key: identifier.optional(),
            batch: z.boolean().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  serialization,
});
