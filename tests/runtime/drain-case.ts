/**
 * The drain-window cases: three deploys of a BullMQ app in which v1 enqueues a job with a delay
 * and v3 makes a change that v2 alone allows. The run-time test (drain-window.test.ts) checks the
 * verdicts and outcomes below on a real Redis; the "Delayed jobs" part of each rule's run-time
 * section is rendered from them.
 */
import type { AppVersion, Enqueue } from './apps.js';

export const DRAIN_DELAY_MS = 300;

export interface DrainCase {
  rules: string[];
  /** The job the case is about: the outcomes are its own. */
  job: string;
  title: string;
  versions: Record<'v1' | 'v2' | 'v3', AppVersion>;
  /** What the plugin reports on v3 with each list of baselines. */
  verdicts: Array<{ baselines: string[]; verdict: string[] }>;
  /** Which version enqueues, which version's worker runs the job, and what happens to it. */
  runs: Array<{ enqueuer: 'v1' | 'v2'; worker: 'v2' | 'v3'; outcome: string }>;
}

const reminder = (params: string, effect = '{ userId, locale }') => ({ name: 'reminder', params, body: `return ${effect};` });
const remind = (args: Record<string, string | number>): Enqueue => ({ name: 'reminder', args: [args], intent: args, delayMs: DRAIN_DELAY_MS });
const welcome = { name: 'welcome', params: '{ userId }', body: 'return { userId };' };
const sendWelcome: Enqueue = { name: 'welcome', args: [{ userId: 3 }], intent: { userId: 3 } };
const digest = { name: 'digest', params: '{ userId }', body: 'return { userId };' };

export const DRAIN_CASES: DrainCase[] = [
  {
    rules: ['no-new-required-param'],
    job: 'reminder',
    title: "a field made required one deploy after the transitional form, while v1's delayed jobs still wait",
    versions: {
      v1: { jobs: [reminder('{ userId }', '{ userId }')], enqueues: [remind({ userId: 1 })] },
      v2: { jobs: [reminder("{ userId, locale = 'en' }")], enqueues: [remind({ userId: 2, locale: 'fr' })] },
      v3: { jobs: [reminder('{ userId, locale }')], enqueues: [remind({ userId: 2, locale: 'fr' })] },
    },
    verdicts: [
      { baselines: ['v2'], verdict: [] },
      { baselines: ['v1', 'v2'], verdict: ['no-new-required-param'] },
    ],
    runs: [
      { enqueuer: 'v2', worker: 'v3', outcome: 'completed' },
      { enqueuer: 'v1', worker: 'v2', outcome: 'completed' },
      { enqueuer: 'v1', worker: 'v3', outcome: 'ran with locale undefined' },
    ],
  },
  {
    rules: ['no-deleted-enqueued-job'],
    job: 'digest',
    title: "a job deleted one deploy after its enqueue call was removed, while v1's delayed jobs still wait",
    versions: {
      v1: { jobs: [welcome, digest], enqueues: [sendWelcome, { name: 'digest', args: [{ userId: 1 }], intent: { userId: 1 }, delayMs: DRAIN_DELAY_MS }] },
      v2: { jobs: [welcome, digest], enqueues: [sendWelcome] },
      v3: { jobs: [welcome], enqueues: [sendWelcome] },
    },
    verdicts: [
      { baselines: ['v2'], verdict: [] },
      { baselines: ['v1', 'v2'], verdict: ['no-deleted-enqueued-job'] },
    ],
    runs: [
      { enqueuer: 'v1', worker: 'v2', outcome: 'completed' },
      { enqueuer: 'v1', worker: 'v3', outcome: "failed: Unknown job 'digest'" },
    ],
  },
];
