/**
 * Building blocks of the candidate prefilter. Every token is written in the common subset of
 * JavaScript regular expressions and POSIX ERE, so that `git grep -E` and the in-process test
 * select exactly the same files (no class may match a newline, since git greps line by line).
 */
import type { ReceiverConstraint } from '../kind.js';

/** Names that appear in ordinary code too often to select files by: such handlers are found through their enqueue sites. */
export const COMMON_METHOD_NAMES = new Set(['run', 'handle', 'execute', 'process', 'call', 'invoke', 'start', 'exec']);

/** A character that may start an argument: never a newline, so `git grep` and RegExp agree. */
export const ARGUMENT_START = "[A-Za-z0-9_$'\"`[{]";
const SIMPLE_ARGUMENT = "[A-Za-z0-9_$'\"` .*+/-]*";
/**
 * A simple first argument (a literal, a name, arithmetic, one call) followed by a comma: an
 * interval or a queue before the job's name. Callbacks (`items.every((x) => ...)`) do not match.
 */
export const FIRST_ARGUMENT = `${SIMPLE_ARGUMENT}(\\(${SIMPLE_ARGUMENT}\\)${SIMPLE_ARGUMENT})?,`;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `\.(a|b) *[(<]`: a call of one of these methods. */
export function getMethodCallToken(methods: Iterable<string>): string | undefined {
  const list = [...new Set(methods)].map(escapeRegExp);
  return list.length > 0 ? `\\.(${list.join('|')}) *[(<]` : undefined;
}

/** `[Qq]ueue`: a receiver name as written in code, its first letter in either case. */
function getNameToken(name: string): string {
  const first = name[0]!;
  return `[${first.toUpperCase()}${first.toLowerCase()}]${escapeRegExp(name.slice(1))}`;
}

/**
 * A method called on a receiver whose name contains one of `names`: `emailQueue.add(`,
 * `this.boss.send(`, `queue?.add(`, `getExportQueue().add(`, `ExportQueue.getInstance()?.add(`, `getQueue('email').add(`.
 */
export function getReceiverToken(receiver: ReceiverConstraint, methods: string[]): string | undefined {
  if (receiver.names.length === 0 || methods.length === 0) return undefined;
  return `(${receiver.names.map(getNameToken).join('|')})[A-Za-z0-9_$.?()'"-]*\\. *(${methods.map(escapeRegExp).join('|')}) *[(<]`;
}
