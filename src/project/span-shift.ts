/**
 * Most edits in an editor change no contract: a keystroke in a handler's body, a comment, a
 * new line above a job. The facts of the file then differ only in positions, and the findings
 * of the last full analysis stay true once their positions are moved. This saves rebuilding
 * and comparing the whole project's contracts on every keystroke.
 */
import type { FileFacts, SourceSpan } from '../model/facts.js';
import type { Finding } from '../model/finding.js';

export interface SpanShift {
  /** Span of the analysed facts (by its range) to the same span in the edited file. */
  spans: Map<string, SourceSpan>;
  /** Offsets of the analysed facts to the same offsets in the edited file. */
  offsets: Map<number, number>;
}

/**
 * How positions moved from `before` to `after`, when nothing but positions changed. Body
 * fingerprints count as contract when `fingerprintsMatter` (they pair renamed jobs). One walk
 * of both facts compares them and records the moves: this runs on every keystroke.
 */
export function getSpanShift(before: FileFacts, after: FileFacts, fingerprintsMatter: boolean): SpanShift | undefined {
  const shift: SpanShift = { spans: new Map(), offsets: new Map() };
  return collect(before, after, { shift, fingerprintsMatter }) ? shift : undefined;
}

/** The finding at its place in the edited file, or undefined when a position has no counterpart. */
export function shiftFinding(finding: Finding, shift: SpanShift): Finding | undefined {
  const span = shift.spans.get(rangeKey(finding.span.range));
  if (!span) return undefined;
  if (!finding.fix) return { ...finding, span };
  const fix = [];
  for (const edit of finding.fix) {
    const start = shift.offsets.get(edit.range[0]);
    const end = shift.offsets.get(edit.range[1]);
    if (start === undefined || end === undefined) return undefined;
    fix.push({ range: [start, end] as [number, number], text: edit.text });
  }
  return { ...finding, span, fix };
}

/** Facts that are bare offsets into the file (besides the ranges of spans and edits). */
const OFFSET_KEYS = new Set(['declarationEnd']);

interface Walk {
  shift: SpanShift;
  fingerprintsMatter: boolean;
}

/** Whether both facts are equal but for positions, recording how each position moved. */
function collect(before: unknown, after: unknown, walk: Walk): boolean {
  if (Array.isArray(before) || Array.isArray(after)) {
    return Array.isArray(before) && Array.isArray(after) && before.length === after.length && before.every((item, index) => collect(item, after[index], walk));
  }
  if (!isObject(before) || !isObject(after)) return before === after;
  if (isSpan(before) || isSpan(after)) {
    // A span is a place, not contract: its line and column follow from its range.
    if (!isSpan(before) || !isSpan(after) || !addRange(walk.shift, before.range, after.range)) return false;
    walk.shift.spans.set(rangeKey(before.range), after);
    return true;
  }
  const keys = Object.keys(before);
  if (keys.length !== Object.keys(after).length) return false;
  return keys.every((key) => {
    if (!Object.hasOwn(after, key)) return false;
    const [from, to] = [before[key], after[key]];
    if (key === 'range' && isRange(from) && isRange(to)) return addRange(walk.shift, from, to);
    if (OFFSET_KEYS.has(key)) return typeof from === 'number' && typeof to === 'number' && addOffset(walk.shift, from, to);
    if (key === 'fingerprint' && !walk.fingerprintsMatter) return true;
    return collect(from, to, walk);
  });
}

function addRange(shift: SpanShift, from: readonly [number, number], to: readonly [number, number]): boolean {
  return addOffset(shift, from[0], to[0]) && addOffset(shift, from[1], to[1]);
}

function addOffset(shift: SpanShift, from: number, to: number): boolean {
  const known = shift.offsets.get(from);
  if (known !== undefined) return known === to;
  shift.offsets.set(from, to);
  return true;
}

function rangeKey(range: readonly [number, number]): string {
  return `${range[0]}:${range[1]}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isRange(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number';
}

function isSpan(value: unknown): value is SourceSpan {
  return isObject(value) && isRange(value.range) && isObject(value.start) && isObject(value.end);
}
