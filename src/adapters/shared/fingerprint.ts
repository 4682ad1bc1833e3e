/**
 * A handler body's fingerprint for rename detection: the bottom-k sketch (k = 64) of the
 * hashes of its 3-token shingles. Tokens ignore whitespace and comments, so reformatting
 * leaves the fingerprint unchanged; compare/similarity.ts estimates the Jaccard similarity of
 * two bodies from their sketches.
 */
import { SKETCH_SIZE } from '../../model/facts.js';

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
