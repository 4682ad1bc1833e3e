/**
 * A handler body's fingerprint for rename detection: the bottom-k sketch (k = 64) of the
 * hashes of its 3-token shingles. Tokens ignore whitespace and comments, so reformatting
 * leaves the fingerprint unchanged; the Jaccard similarity of two bodies is estimated from
 * their sketches.
 */

export const SKETCH_SIZE = 64;
const SHINGLE = 3;

const TOKEN = /[A-Za-z_$][\w$]*|\d[\w.]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|[^\s\w]/g;

export function getFingerprint(body: string): number[] {
  const tokens = stripComments(body).match(TOKEN) ?? [];
  const hashes = new Set<number>();
  for (let i = 0; i + SHINGLE <= tokens.length; i++) hashes.add(hash(tokens.slice(i, i + SHINGLE).join('\u0000')));
  return [...hashes].sort((a, b) => a - b).slice(0, SKETCH_SIZE);
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:])\/\/[^\n]*/g, '$1');
}

/** FNV-1a, 32 bits: stable across processes, so fingerprints can live in snapshots. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Estimated Jaccard similarity of the shingle sets behind two sketches (0 to 1). */
export function getSimilarity(a: number[], b: number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const inA = new Set(a);
  const inB = new Set(b);
  const union = [...new Set([...a, ...b])].sort((x, y) => x - y).slice(0, SKETCH_SIZE);
  const shared = union.filter((value) => inA.has(value) && inB.has(value)).length;
  return shared / union.length;
}
