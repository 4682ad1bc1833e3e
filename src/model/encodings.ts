/**
 * What a queue's encoding does to a value: JSON (most queues) turns a `Date` into an ISO string,
 * a `Map` into `{}` and throws on a `bigint`; BSON (queues stored in MongoDB) keeps dates, binary
 * data and regular expressions. The tables say only what is certain: a type missing from them
 * is taken to arrive as it was sent, and an opaque shape is unknown, never a finding.
 */
import { isAssignable, type TypeShape } from './type-shape.js';

export type Encoding = 'json' | 'bson';

/** A type the encoding does not keep, and what the worker receives in its place. */
export interface LostType {
  /** The type's name, as `allow` lists it: `Date`, `Map`, `bigint`, `Function`. */
  name: string;
  /** The type as a message writes it: `Date`, `Map`, `bigint`, `a function`. */
  type: string;
  /** What arrives instead, as a message says it: `an ISO date string`. */
  arrives: string;
  /** The call that enqueues it fails (JSON.stringify throws), rather than the worker. */
  failsAtEnqueue?: true;
  /** The type of what arrives, where the payload type can admit it (`string` for a Date). */
  arrivesAs?: TypeShape;
  /** Where in the member it sits: `createdAt`, `items[]`; empty for the member itself. */
  path: string;
}

type Loss = Omit<LostType, 'path' | 'name'>;

const EMPTY_OBJECT = 'an empty object `{}`';
const DROPPED = 'nothing: the member is left out';

const JSON_LOSSES: Record<string, Loss> = {
  Date: { type: 'Date', arrives: 'an ISO date string', arrivesAs: { k: 'prim', name: 'string' } },
  Map: { type: 'Map', arrives: EMPTY_OBJECT },
  Set: { type: 'Set', arrives: EMPTY_OBJECT },
  WeakMap: { type: 'WeakMap', arrives: EMPTY_OBJECT },
  WeakSet: { type: 'WeakSet', arrives: EMPTY_OBJECT },
  RegExp: { type: 'RegExp', arrives: EMPTY_OBJECT },
  Promise: { type: 'Promise', arrives: EMPTY_OBJECT },
  // An Error's message and stack are not enumerable: JSON keeps none of it.
  Error: { type: 'Error', arrives: EMPTY_OBJECT },
  Function: { type: 'a function', arrives: DROPPED },
  bigint: { type: 'bigint', arrives: 'nothing: JSON.stringify throws, so the enqueue fails', failsAtEnqueue: true },
  symbol: { type: 'symbol', arrives: DROPPED },
};

/** BSON keeps `Date`, binary data and `RegExp`; what it cannot say of `bigint` and `symbol` is left out (unknown). */
const BSON_LOSSES: Record<string, Loss> = {
  Map: { type: 'Map', arrives: 'a plain object (no `get`, no `has`)' },
  Set: { type: 'Set', arrives: EMPTY_OBJECT },
  WeakMap: JSON_LOSSES.WeakMap!,
  WeakSet: JSON_LOSSES.WeakSet!,
  Promise: JSON_LOSSES.Promise!,
  Function: JSON_LOSSES.Function!,
};

const LOSSES: Record<Encoding, Record<string, Loss>> = { json: JSON_LOSSES, bson: BSON_LOSSES };

/** Shapes nested deeper than this are not searched (a type that refers to itself). */
const MAX_DEPTH = 8;

/**
 * The types inside `shape` that `encoding` does not keep, the first place of each. A lost type
 * in a union that also admits what arrives is no loss: `Date | string` is read as the string it is.
 */
export function getLostTypes(shape: TypeShape, encoding: Encoding): LostType[] {
  const found = new Map<string, LostType>();
  collect(shape, LOSSES[encoding], '', 0, found);
  return [...found.values()];
}

function collect(shape: TypeShape, losses: Record<string, Loss>, path: string, depth: number, found: Map<string, LostType>): void {
  if (depth > MAX_DEPTH) return;
  const add = (name: string): void => {
    if (Object.hasOwn(losses, name) && !found.has(name)) found.set(name, { ...losses[name]!, name, path });
  };
  switch (shape.k) {
    case 'prim':
      if (shape.name === 'bigint' || shape.name === 'symbol') add(shape.name);
      return;
    case 'ref':
      add(shape.name);
      return;
    case 'union':
      for (const member of shape.of) {
        const loss = member.k === 'ref' && Object.hasOwn(losses, member.name) ? losses[member.name] : undefined;
        if (loss?.arrivesAs && isAssignable(loss.arrivesAs, shape) === true) continue;
        collect(member, losses, path, depth + 1, found);
      }
      return;
    case 'array':
      collect(shape.of, losses, `${path}[]`, depth + 1, found);
      return;
    case 'tuple':
      shape.of.forEach((element, index) => collect(element, losses, `${path}[${index}]`, depth + 1, found));
      return;
    case 'record':
      collect(shape.value, losses, `${path}[key]`, depth + 1, found);
      return;
    case 'object':
      for (const [name, field] of Object.entries(shape.fields)) collect(field.type, losses, path ? `${path}.${name}` : name, depth + 1, found);
      return;
    case 'and':
      for (const part of shape.of) collect(part, losses, path, depth + 1, found);
      return;
    default:
      return;
  }
}
