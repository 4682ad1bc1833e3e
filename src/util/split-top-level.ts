/** A type text split at `separator` where it stands outside brackets (`A|B<C|D>` at `|`: `A`, `B<C|D>`); an arrow's `>` closes nothing. */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if ('(<[{'.includes(char)) depth++;
    else if (')>]}'.includes(char) && text[i - 1] !== '=') depth--;
    else if (char === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
