/**
 * Calls that delay the job they enqueue: the jobs that outlive a deploy by hours or days, and
 * so decide how long a transitional form must stay (README, "Drain window").
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { DelayFact } from '../../model/facts.js';
import { getObjectProperty, getStaticNumber, getStaticString, type Node } from './syntax.js';

/** How a delay is written: milliseconds, seconds, or a point in time (whose distance from now is not known). */
export type DelayUnit = 'ms' | 's' | 'date';

/**
 * Options that delay a job, by the unit a number in them counts: BullMQ and Trigger.dev
 * `delay` (ms, or `'6d'` for Trigger.dev), pg-boss `startAfter` (seconds, or a date),
 * graphile-worker `runAt` and `waitUntil` (dates), Temporal `startDelay` (ms, or `'1 day'`), `wait` of
 * class jobs' `set()` (seconds).
 */
const DELAY_OPTIONS: Readonly<Record<string, DelayUnit>> = { delay: 'ms', startAfter: 's', startDelay: 'ms', wait: 's', runAt: 'date', waitUntil: 'date' };

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * How late an options object literal lets its job run: its delay, then the retries it allows
 * (BullMQ and Bull `attempts` with a `backoff`, pg-boss `retryLimit` with `retryDelay`), whose
 * last attempt comes that much later again.
 */
export function getOptionsDelay(node: Node | null | undefined): DelayFact | undefined {
  if (node?.type !== 'ObjectExpression') return undefined;
  const delay = getDelay(node);
  const retries = getRetrySpan(node);
  if (!retries) return delay;
  if (!delay) return retries;
  return delay.ms === undefined || retries.ms === undefined ? { retry: true } : { ms: delay.ms + retries.ms, retry: true };
}

function getDelay(node: TSESTree.ObjectExpression): DelayFact | undefined {
  for (const [key, unit] of Object.entries(DELAY_OPTIONS)) {
    const value = getObjectProperty(node, key);
    if (value) return getDelayValue(value, unit);
  }
  return undefined;
}

/**
 * From the first attempt to the last: BullMQ and Bull `{ attempts, backoff }` (attempts count the
 * first run; `backoff` a fixed delay in ms or `{ type: 'fixed' | 'exponential', delay }`, which
 * doubles from `delay`), pg-boss `{ retryLimit, retryDelay, retryBackoff }` (retries after the first
 * run, seconds, doubling). Retries without a backoff run at once: no later than the job itself.
 */
function getRetrySpan(node: TSESTree.ObjectExpression): DelayFact | undefined {
  const attempts = getObjectProperty(node, 'attempts');
  if (attempts) {
    const count = getConstantNumber(attempts);
    const backoff = getObjectProperty(node, 'backoff');
    if (count !== undefined && count <= 1) return undefined;
    if (!backoff) return undefined;
    const object = backoff.type === 'ObjectExpression' ? backoff : undefined;
    const type = object && getObjectProperty(object, 'type');
    const exponential = type?.type === 'Literal' && type.value === 'exponential';
    const step = getConstantNumber(object ? (getObjectProperty(object, 'delay') ?? backoff) : backoff);
    if (count === undefined || step === undefined || (object && type?.type !== 'Literal')) return { retry: true };
    const ms = exponential ? step * (2 ** (count - 1) - 1) : step * (count - 1);
    return toRetrySpan(ms);
  }
  const limit = getObjectProperty(node, 'retryLimit');
  if (!limit) return undefined;
  const count = getConstantNumber(limit);
  const delay = getObjectProperty(node, 'retryDelay');
  if (count !== undefined && count < 1) return undefined;
  if (!delay) return undefined;
  const seconds = getConstantNumber(delay);
  const backoff = getObjectProperty(node, 'retryBackoff');
  const doubling = backoff?.type === 'Literal' && backoff.value === true;
  if (count === undefined || seconds === undefined || (backoff && !(backoff.type === 'Literal' && typeof backoff.value === 'boolean'))) return { retry: true };
  const ms = (doubling ? seconds * (2 ** count - 1) : seconds * count) * 1_000;
  return toRetrySpan(ms);
}

/** Retries that run no later than the first attempt are no evidence; a span too long to write down is of unknown length. */
function toRetrySpan(ms: number): DelayFact | undefined {
  if (!(ms > 0)) return undefined;
  return Number.isFinite(ms) ? { ms, retry: true } : { retry: true };
}

/** The delay of an argument that says when the job runs (`enqueueIn(ms, ...)`, `schedule('in 6 days', ...)`). */
export function getDelayValue(node: Node, unit: DelayUnit): DelayFact | undefined {
  // `undefined` and `null` ask for no delay: the job runs now.
  if (node.type === 'Identifier' && node.name === 'undefined') return undefined;
  if (node.type === 'Literal' && node.value === null) return undefined;
  // A number counts in the unit; a string may be a duration (`'6d'`, Agenda's `'in 20 minutes'`) whatever the unit.
  const value = unit === 'date' ? undefined : getConstantNumber(node);
  const ms = value === undefined ? getTextDuration(node) : value * UNIT_MS[unit === 'ms' ? 'ms' : 's']!;
  // No delay, or a negative one (BullMQ runs such a job at once); one too long to write down is of unknown length.
  if (ms !== undefined && !(ms > 0)) return undefined;
  return ms === undefined || !Number.isFinite(ms) ? {} : { ms };
}

function getTextDuration(node: Node): number | undefined {
  const text = getStaticString(node);
  return text === undefined ? undefined : parseDuration(text);
}

/** `6 * 24 * 60 * 60 * 1000`: a product or sum of number literals. */
function getConstantNumber(node: Node): number | undefined {
  if (node.type === 'BinaryExpression' && (node.operator === '*' || node.operator === '+')) {
    const left = getConstantNumber(node.left);
    const right = getConstantNumber(node.right);
    if (left === undefined || right === undefined) return undefined;
    return node.operator === '*' ? left * right : left + right;
  }
  return getStaticNumber(node);
}

/** `'6d'`, `'90s'`, `'in 20 minutes'`, `'2 hours'`: the duration strings of Trigger.dev, Agenda and ms-style helpers. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(?:in\s+)?(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\s*$/i.exec(text);
  if (!match) return undefined;
  const word = match[2]!.toLowerCase();
  const unit = word.startsWith('ms') || word.startsWith('milli') ? 'ms' : word[0]!;
  return Number(match[1]) * UNIT_MS[unit]!;
}

/** The fact with its delay, when the call has one. */
export function withDelay<T extends { delay?: DelayFact }>(fact: T, delay: DelayFact | undefined): T {
  if (delay) fact.delay = delay;
  return fact;
}

/** The argument after the payload: where most enqueue calls take their options (`add(name, data, opts)`, `trigger(payload, opts)`). */
export function getArgumentAfter(node: TSESTree.CallExpression, arg: Node | undefined): Node | undefined {
  if (!arg) return undefined;
  const index = node.arguments.indexOf(arg as TSESTree.CallExpressionArgument);
  return index < 0 ? undefined : node.arguments[index + 1];
}
