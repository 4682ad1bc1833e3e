/**
 * How alike two handler bodies are, from their fingerprints: bottom-k sketches (the k
 * smallest hashes of the body's 3-token shingles, sorted). Pure math over the two arrays, so
 * the comparison needs nothing from the parsers that compute the sketches.
 */
import { SKETCH_SIZE } from '../model/facts.js';

/** Estimated Jaccard similarity of the shingle sets behind two sketches (0 to 1). */
export function getSimilarity(a: number[], b: number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const inA = new Set(a);
  const inB = new Set(b);
  const union = [...new Set([...a, ...b])].sort((x, y) => x - y).slice(0, SKETCH_SIZE);
  const shared = union.filter((value) => inA.has(value) && inB.has(value)).length;
  return shared / union.length;
}
