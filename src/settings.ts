/** Reads `settings['safe-jobs']` and the environment once per distinct value, and explains bad values. */
import { z } from 'zod';
import { getAdapterSettingsProblem } from './adapters/adapter-set.js';
import { adapterSettingSchema } from './adapters/settings-schema.js';
import { DEFAULT_JOB_PATTERN, type JobPattern } from './adapters/job-pattern.js';

const identifier = z.string().regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, 'must be an identifier');

/** Deploy tags as baselines: every version that ran within `days`, or the `last` K of them. */
const tagWindowSchema = z
  .strictObject({ tags: z.string().min(1), days: z.number().positive().optional(), last: z.number().int().positive().optional() })
  .refine((window) => window.days !== undefined || window.last !== undefined, 'a tag window needs `days` or `last`');

const baselineSpecSchema = z.union([z.string().min(1), tagWindowSchema]);

const settingsSchema = z.strictObject({
  baseline: z.union([baselineSpecSchema, z.array(baselineSpecSchema).min(1)]).optional(),
  baseClasses: z.array(identifier).optional(),
  handlerMethods: z.array(identifier).min(1).optional(),
  enqueueMethods: z.array(identifier).min(1).optional(),
  queueProperty: identifier.optional(),
  retiredJobs: z.array(z.string().min(1)).optional(),
  frameworks: z.array(z.string().min(1)).optional(),
  adapters: z.array(adapterSettingSchema).optional(),
  baselineProblems: z.enum(['error', 'warn']).optional(),
});

export type RawSettings = z.infer<typeof settingsSchema>;

/** Deploy tags matching `tags` (a git ref pattern): those that ran within the last `days`, or the newest `last`. */
export type TagWindow = z.infer<typeof tagWindowSchema>;

/** One configured baseline: a revision, a snapshot file, or a window of deploy tags. */
export type BaselineSpec = string | TagWindow;

export interface SafeJobsSettings {
  /**
   * The baselines as configured, each a version whose jobs may still be queued (revisions,
   * snapshot paths, deploy-tag windows); undefined for the default branch.
   */
  baseline?: BaselineSpec[];
  /** Where the baseline setting came from, for messages. */
  baselineOrigin: 'environment' | 'settings' | 'default';
  pattern: JobPattern;
  /** Wire names the team has retired on purpose (queue checked empty): never reported as deleted. */
  retiredJobs: string[];
  /** Identifies the pattern in caches. */
  patternKey: string;
  /**
   * How a baseline that cannot be read is reported: 'error' by the comparison rules (a red CI),
   * 'warn' by `require-baseline`. Unset: 'error' where the CI variable is set, else 'warn'.
   */
  baselineProblems?: 'error' | 'warn';
}

export type SettingsResult = { settings: SafeJobsSettings } | { error: string };

const cache = new Map<string, SettingsResult>();
const byObject = new WeakMap<object, { envBaseline: string | undefined; result: SettingsResult }>();

export function readSettings(shared: Record<string, unknown> | undefined, env: NodeJS.ProcessEnv = process.env): SettingsResult {
  const raw = shared?.['safe-jobs'];
  const envBaseline = env.SAFE_JOBS_BASELINE?.trim() || undefined;
  // ESLint hands every file of one config the same settings object: known objects skip the JSON key.
  const known = typeof raw === 'object' && raw !== null ? byObject.get(raw) : undefined;
  if (known && known.envBaseline === envBaseline) return known.result;
  const key = `${JSON.stringify(raw ?? null)}\0${envBaseline ?? ''}`;
  let result = cache.get(key);
  if (!result) {
    result = parseSettings(raw, envBaseline);
    cache.set(key, result);
  }
  if (typeof raw === 'object' && raw !== null) byObject.set(raw, { envBaseline, result });
  return result;
}

function parseSettings(raw: unknown, envBaseline: string | undefined): SettingsResult {
  const parsed = settingsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `settings['safe-jobs'].${issue.path.join('.')}` : "settings['safe-jobs']";
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
      const [key] = issue.keys;
      const suggestion = getClosest(key!, Object.keys(settingsSchema.shape));
      return { error: `${where}.${key} is not a setting${suggestion ? `; did you mean ${suggestion}?` : '.'} See the Settings section of the eslint-plugin-safe-jobs README.` };
    }
    return { error: `${where}: ${issue.message}. See the Settings section of the eslint-plugin-safe-jobs README.` };
  }
  const values = parsed.data;
  const adapterProblem = getAdapterSettingsProblem(values.frameworks, values.adapters);
  if (adapterProblem) return { error: `settings['safe-jobs'].${adapterProblem}. See docs/frameworks.md.` };
  const pattern: JobPattern = {
    baseClasses: values.baseClasses ?? DEFAULT_JOB_PATTERN.baseClasses,
    handlerMethods: values.handlerMethods ?? DEFAULT_JOB_PATTERN.handlerMethods,
    enqueueMethods: values.enqueueMethods ?? DEFAULT_JOB_PATTERN.enqueueMethods,
    queueProperty: values.queueProperty ?? DEFAULT_JOB_PATTERN.queueProperty,
  };
  if (values.frameworks) pattern.frameworks = values.frameworks;
  if (values.adapters) pattern.adapters = values.adapters;
  // SAFE_JOBS_BASELINE names one baseline, or several separated by commas.
  const configured = values.baseline === undefined ? undefined : Array.isArray(values.baseline) ? values.baseline : [values.baseline];
  // A variable that names nothing (`SAFE_JOBS_BASELINE=,`, an empty CI template) overrides nothing.
  const fromEnvironment = envBaseline ? splitList(envBaseline) : [];
  const baseline = fromEnvironment.length > 0 ? fromEnvironment : configured;
  const settings: SafeJobsSettings = {
    baselineOrigin: fromEnvironment.length > 0 ? 'environment' : values.baseline ? 'settings' : 'default',
    pattern,
    retiredJobs: values.retiredJobs ?? [],
    patternKey: JSON.stringify(pattern),
  };
  if (baseline && baseline.length > 0) settings.baseline = baseline;
  if (values.baselineProblems) settings.baselineProblems = values.baselineProblems;
  return { settings };
}

/** `v1.3, v1.4`: the baselines a comma-separated list names (SAFE_JOBS_BASELINE, `check --base`). */
export function splitList(value: string): string[] {
  return value.split(',').map((part) => part.trim()).filter(Boolean);
}

/** The known name a mistyped one most likely meant: at most two edits away, and shorter than the name. */
function getClosest(name: string, known: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = getEditDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= Math.min(2, candidate.length - 1) && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** Levenshtein distance, one row at a time. */
function getEditDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
