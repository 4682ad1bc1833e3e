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
 * fingerprints count as contract when `fingerprintsMatter` (they pair renamed jobs).
 */
export function getSpanShift(before: FileFacts, after: FileFacts, fingerprintsMatter: boolean): SpanShift | undefined {
  if (getOutline(before, fingerprintsMatter) !== getOutline(after, fingerprintsMatter)) return undefined;
  const shift: SpanShift = { spans: new Map(), offsets: new Map() };
  return collect(before, after, shift) ? shift : undefined;
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

function getOutline(facts: FileFacts, fingerprintsMatter: boolean): string {
  return JSON.stringify(facts, (key, value: unknown) => {
    if (key === 'range' || OFFSET_KEYS.has(key) || isSpan(value)) return undefined;
    if (key === 'fingerprint' && !fingerprintsMatter) return undefined;
    return value;
  });
}

/** Walks both facts in step (their outlines are equal, so their shapes are too). False on a contradiction. */
function collect(before: unknown, after: unknown, shift: SpanShift): boolean {
  if (Array.isArray(before) && Array.isArray(after)) return before.every((item, index) => collect(item, after[index], shift));
  if (!isObject(before) || !isObject(after)) return true;
  if (isRange(before.range) && isRange(after.range)) {
    if (!addOffset(shift, before.range[0], after.range[0]) || !addOffset(shift, before.range[1], after.range[1])) return false;
    if (isSpan(before) && isSpan(after)) shift.spans.set(rangeKey(before.range), after);
  }
  return Object.keys(before).every((key) => {
    if (key === 'range') return true;
    const [from, to] = [before[key], after[key]];
    if (OFFSET_KEYS.has(key)) return typeof from === 'number' && typeof to === 'number' && addOffset(shift, from, to);
    return collect(from, to, shift);
  });
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
