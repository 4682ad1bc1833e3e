import type { AdapterSetting } from './config.js';
import { getAdapterSet } from './adapter-set.js';

/**
 * What the plugin recognizes as jobs: the activejob preset's detection settings, which presets
 * are enabled, and the adapters users declare. Every field is plain data, so the pattern's JSON
 * keys every cache; every field has a default that works untouched.
 */
export interface JobPattern {
  /** Superclass names that make a class an activejob job, besides any name ending in `Job` or `Task`. */
  baseClasses: string[];
  handlerMethods: string[];
  /** Static methods on the job class that enqueue it, also after a chained `.set(...)`. */
  enqueueMethods: string[];
  /** Static property that names the job's queue. */
  queueProperty: string;
  /** Presets to enable; when absent, those whose package is in the nearest package.json, plus `activejob`. */
  frameworks?: string[];
  /** Adapters declared in settings for in-house job layers; always enabled. */
  adapters?: AdapterSetting[];
}

export const DEFAULT_JOB_PATTERN: JobPattern = {
  baseClasses: [],
  handlerMethods: ['perform'],
  enqueueMethods: ['performLater', 'enqueue', 'schedule', 'dispatch'],
  queueProperty: 'queue',
};

/**
 * A cheap text test for files that may hold jobs or enqueue sites, made of every adapter's
 * tokens. It is written in the common subset of JavaScript regular expressions and POSIX ERE
 * so that `git grep -E` and the in-process test select exactly the same files (no class may
 * match a newline, since git greps line by line). Files it misses but that the resolution
 * needs (a base class, a payload type, a constant) are loaded by following imports.
 */
export function getCandidatePattern(pattern: JobPattern): string {
  return getAdapterSet(pattern).candidatePattern;
}
