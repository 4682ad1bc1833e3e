import type { AdapterSetting, DetectionSettings } from './kind.js';

/**
 * What the plugin recognizes as jobs: the top-level detection settings, which presets are
 * enabled, and the adapters users declare. Every field is plain data, so the pattern's JSON
 * keys every cache; every field has a default that works untouched.
 */
export interface JobPattern extends DetectionSettings {
  /** Superclass names that make a class an activejob job, besides any name ending in `Job` or `Task`. */
  baseClasses: string[];
  handlerMethods: string[];
  /** Static methods on the job class that enqueue it, also after a chained `.set(...)`. */
  enqueueMethods: string[];
  /** Static property that names the job's queue. */
  queueProperty: string;
  /** Presets to enable; when absent, those whose package is in the nearest package.json, plus the settings' own preset. */
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
