/**
 * Calls that name the job they enqueue (`queue.enqueue('math', 'add', [1, 2])`, `inngest.send({ name, data })`):
 * the shape a configuration declares for them, and how their payload arguments are read.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ArgumentsFact } from '../../model/facts.js';
import type { ReceiverConstraint } from '../kind.js';
import type { DelayUnit } from './delays.js';
import { getArrayArguments, getSingleArgument, getSpreadArguments } from './arguments.js';


/** How an enqueue call passes the job's arguments, starting at `payloadArg`. */
export type PayloadShape = 'array' | 'spread' | 'single' | 'request';

export interface NamedEnqueueShape {
  methods: string[];
  nameArg: number;
  queueArg?: number;
  payloadArg: number;
  /**
   * 'array': one array of positional arguments; 'spread': the remaining arguments; 'single': one
   * payload value; 'request': the argument at `nameArg` is a request object (or an array of them)
   * whose `requestKeys.name` names the job and `requestKeys.data` holds the payload (key paths:
   * `{ job: { name }, data }` is `requestKeys: { name: 'job.name', data: 'data' }`).
   */
  payload: PayloadShape;
  requestKeys?: { name: string; data: string };
  receiver?: ReceiverConstraint;
  /**
   * The argument that says when the job runs, for methods that always delay it (`enqueueIn(ms, ...)`,
   * `schedule('in 6 days', ...)`), with the unit a number in it counts. Without it, the options
   * object after the payload is read (`{ delay }`, `{ startAfter }`, `{ runAt }`).
   */
  delay?: { arg: number; unit: DelayUnit };
  /** Also plain calls of the method's name (`addJob('name', payload)` with `addJob` taken from helpers). */
  bare?: boolean;
}

export function getPayloadArguments(node: TSESTree.CallExpression, shape: NamedEnqueueShape): ArgumentsFact {
  switch (shape.payload) {
    case 'array':
      return getArrayArguments(node.arguments[shape.payloadArg]);
    case 'single':
      return getSingleArgument(node.arguments[shape.payloadArg]);
    case 'spread':
      return getSpreadArguments(node.arguments, shape.payloadArg);
    case 'request':
      return getSingleArgument(undefined);
  }
}
