/**
 * A place found in the baseline, on the current text of its file: where it was if the same call
 * still stands there (`anchor`, such as `performLater(`, at the same offsets), else the nearest
 * line that names the job, else the file's first line. Never a column past the end of a line,
 * never a range outside the text.
 */
import type { Location } from '../model/contract.js';
import type { SourceSpan } from '../model/facts.js';

export function getLiveLocation(location: Location, text: string, names: readonly string[], anchor?: string): Location {
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const [start, end] = location.span.range;
  const line = location.span.start.line;
  // Offsets on the line they were on: the text before the call did not change length.
  const isOnItsLine = start >= (starts[line - 1] ?? Infinity) && start < (starts[line] ?? Infinity);
  if (anchor !== undefined && end <= text.length && isOnItsLine && text.slice(start, end).includes(anchor)) return location;
  const find = (index: number) => {
    const line = lines[index] ?? '';
    let best: { column: number; length: number } | undefined;
    for (const name of names) {
      const column = findName(line, name);
      if (column >= 0 && (!best || column < best.column)) best = { column, length: name.length };
    }
    return best;
  };
  const old = location.span.start.line - 1;
  const order = [...lines.keys()].sort((a, b) => Math.abs(a - old) - Math.abs(b - old) || a - b);
  for (const index of order) {
    const found = find(index);
    if (found) return { file: location.file, span: makeSpan(index, found.column, found.length, starts) };
  }
  return { file: location.file, span: makeSpan(0, 0, 0, starts) };
}

/** Where a name stands on a line as a whole word or a quoted string; -1 when it does not. */
function findName(line: string, name: string): number {
  if (name === '') return -1;
  let from = 0;
  for (;;) {
    const index = line.indexOf(name, from);
    if (index < 0) return -1;
    const before = line[index - 1];
    const after = line[index + name.length];
    if (!isWordChar(before) && !isWordChar(after)) return index;
    from = index + 1;
  }
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\w$]/.test(char);
}

function makeSpan(line: number, column: number, length: number, starts: number[]): SourceSpan {
  const start = (starts[line] ?? 0) + column;
  return { start: { line: line + 1, column }, end: { line: line + 1, column: column + length }, range: [start, start + length] };
}
