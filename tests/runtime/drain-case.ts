/**
 * The drain-window case: three deploys of a BullMQ app, where v1 enqueues a reminder with a delay,
 * v2 is the transitional form (the field optional, sent everywhere) and v3 makes it required. The
 * run-time test (drain-window.test.ts) checks the verdicts and outcomes below on a real Redis; the
 * "Delayed jobs" part of the rule's run-time section is rendered from them.
 */
import type { AppVersion } from './apps.js';

export const DRAIN_DELAY_MS = 300;

const job = (params: string, effect = '{ userId, locale }') => [{ name: 'reminder', params, body: `return ${effect};` }];
const sendsLocale = [{ name: 'reminder', args: [{ userId: 2, locale: 'fr' }], intent: { userId: 2, locale: 'fr' }, delayMs: DRAIN_DELAY_MS }];

export const DRAIN_CASE = {
  rules: ['no-new-required-param'],
  title: "a field made required one deploy after the transitional form, while v1's delayed jobs still wait",
  versions: {
    v1: { jobs: job('{ userId }', '{ userId }'), enqueues: [{ name: 'reminder', args: [{ userId: 1 }], intent: { userId: 1 }, delayMs: DRAIN_DELAY_MS }] },
    v2: { jobs: job("{ userId, locale = 'en' }"), enqueues: sendsLocale },
    v3: { jobs: job('{ userId, locale }'), enqueues: sendsLocale },
  } satisfies Record<string, AppVersion>,
  /** What the plugin reports on v3 with each list of baselines. */
  verdicts: [
    { baselines: ['v2'], verdict: [] as string[] },
    { baselines: ['v1', 'v2'], verdict: ['no-new-required-param'] },
  ],
  /** Which version enqueues, which version's worker runs the job, and what happens. */
  runs: [
    { enqueuer: 'v2', worker: 'v3', outcome: 'completed' },
    { enqueuer: 'v1', worker: 'v2', outcome: 'completed' },
    { enqueuer: 'v1', worker: 'v3', outcome: 'ran with locale undefined' },
  ],
} as const;
