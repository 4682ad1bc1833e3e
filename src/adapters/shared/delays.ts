/**
 * Calls that delay the job they enqueue: the jobs that outlive a deploy by hours or days, and
 * so decide how long a transitional form must stay (README, "Drain window").
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { DelayFact } from '../../model/facts.js';
import { getObjectProperty, getStaticNumber, type Node } from './syntax.js';

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

/** The delay an options object literal asks for, if it asks for one. */
export function getOptionsDelay(node: Node | null | undefined): DelayFact | undefined {
  if (node?.type !== 'ObjectExpression') return undefined;
  for (const [key, unit] of Object.entries(DELAY_OPTIONS)) {
    const value = getObjectProperty(node, key);
    if (value) return getDelayValue(value, unit);
  }
  return undefined;
}

/** The delay of an argument that says when the job runs (`enqueueIn(ms, ...)`, `schedule('in 6 days', ...)`). */
export function getDelayValue(node: Node, unit: DelayUnit): DelayFact | undefined {
  // `undefined` and `null` ask for no delay: the job runs now.
  if (node.type === 'Identifier' && node.name === 'undefined') return undefined;
  if (node.type === 'Literal' && node.value === null) return undefined;
  // A number counts in the unit; a string may be a duration (`'6d'`, Agenda's `'in 20 minutes'`) whatever the unit.
  const value = unit === 'date' ? undefined : getConstantNumber(node);
  const ms = value === undefined ? getTextDuration(node) : value * UNIT_MS[unit === 'ms' ? 'ms' : 's']!;
  if (ms === 0) return undefined;
  return ms === undefined ? {} : { ms };
}

function getTextDuration(node: Node): number | undefined {
  const text = node.type === 'Literal' && typeof node.value === 'string' ? node.value : node.type === 'TemplateLiteral' && node.expressions.length === 0 ? node.quasis[0]!.value.cooked : undefined;
  return typeof text === 'string' ? parseDuration(text) : undefined;
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
