/**
 * Type texts compared the way they travel: whitespace, `Array<T>` versus `T[]`, union order
 * and `| undefined` (which is optionality, compared separately) make no difference.
 */
import { splitTopLevel } from '../util/split-top-level.js';

/** The members of a top-level union, canonical and sorted, without `undefined`. */
export function getUnionMembers(type: string): string[] {
  const members = splitTopLevel(type, '|')
    .map((member) => canonicalize(member.trim()))
    .filter((member) => member !== '' && member !== 'undefined');
  return [...new Set(members)].sort();
}

function canonicalize(type: string): string {
  let text = type.replace(/\s+/g, '');
  // Array<T> -> T[] until no generic Array remains (nested ones included).
  for (let guard = 0; guard < 10; guard++) {
    const next = text.replace(/\bArray<([^<>]*)>/g, (_, inner: string) => (/[|&]/.test(inner) ? `(${inner})[]` : `${inner}[]`));
    if (next === text) break;
    text = next;
  }
  if (text.startsWith('(') && text.endsWith(')') && isBalanced(text.slice(1, -1))) text = text.slice(1, -1);
  return text;
}

function isBalanced(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '(') depth++;
    else if (char === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

export function isSameType(previous: string, current: string): boolean {
  return getUnionMembers(previous).join('|') === getUnionMembers(current).join('|');
}

/**
 * Whether values of the previous type are still accepted: the same type, `any`/`unknown`,
 * or a union that contains every member of the previous one (widening).
 */
export function isCompatibleTypeChange(previous: string, current: string): boolean {
  const now = getUnionMembers(current);
  if (now.includes('any') || now.includes('unknown')) return true;
  return getUnionMembers(previous).every((member) => now.includes(member));
}
