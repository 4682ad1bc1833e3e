/** How the ActiveJob-style pattern is recognized; every field has a default that works untouched. */
export interface JobPattern {
  /** Superclass names that make a class a job, besides any name ending in `Job` or `Task`. */
  baseClasses: string[];
  handlerMethods: string[];
  /** Static methods on the job class that enqueue it, also after a chained `.set(...)`. */
  enqueueMethods: string[];
  /** Static property that names the job's queue. */
  queueProperty: string;
}

export const DEFAULT_JOB_PATTERN: JobPattern = {
  baseClasses: [],
  handlerMethods: ['perform'],
  enqueueMethods: ['performLater', 'enqueue', 'schedule', 'dispatch'],
  queueProperty: 'queue',
};

export function isJobBaseName(name: string, pattern: JobPattern): boolean {
  const lastSegment = name.slice(name.lastIndexOf('.') + 1);
  return /(?:Job|Task)$/.test(lastSegment) || pattern.baseClasses.includes(name) || pattern.baseClasses.includes(lastSegment);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A cheap text test for files that may hold jobs or enqueue sites. It is written in the
 * common subset of JavaScript regular expressions and POSIX ERE so that `git grep -E`
 * and the in-process test select exactly the same files. Files it misses but that the
 * resolution needs (a base class, a payload type) are loaded by following imports.
 */
export function getCandidatePattern(pattern: JobPattern): string {
  const bases = ['[A-Za-z0-9_$.]*(Job|Task)', ...pattern.baseClasses.map(escapeRegExp)];
  const handlers = pattern.handlerMethods.map(escapeRegExp);
  const enqueues = pattern.enqueueMethods.map(escapeRegExp);
  return [
    `extends +(${bases.join('|')})`,
    `(${handlers.join('|')}) *[(<]`,
    `\\.(${enqueues.join('|')}) *[(<]`,
  ].join('|');
}
