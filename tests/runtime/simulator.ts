/**
 * The rolling-deploy simulator: one version of an app enqueues its jobs on a real queue, another
 * version's worker processes them, and each job's fate is recorded:
 *
 * - `completed`: the handler did what the enqueuer meant;
 * - `ran with <field> undefined` / `wrong data: ...`: it completed, with missing or misplaced data;
 * - `completed without doing its work`: the worker acknowledged it and did nothing;
 * - `failed: <error>`;
 * - `stuck in queue '<q>'`: no worker of that version ever takes it;
 * - `waiting ...`: the same on a PostgreSQL queue, whose workers never fetch a name they do not handle.
 *
 * Every run uses its own Redis namespace (node-resque), key prefix (BullMQ) or PostgreSQL schema
 * (pg-boss, graphile-worker), so runs never see each other's jobs, and deletes it afterwards.
 * Waits are bounded.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Queue as BullQueue, Worker as BullWorker, type Job as BullJob } from 'bullmq';
import { Redis } from 'ioredis';
import { Queue as ResqueQueue, Worker as ResqueWorker, type ParsedJob } from 'node-resque';
import type { Framework, Value } from './apps.js';
import type { RedisServer } from './redis-server.js';
import type { PostgresServer } from './postgres-server.js';
import pg from 'pg';

/** How long a run may take at most; a healthy run takes a few tens of milliseconds. */
const RUN_TIMEOUT_MS = 4_000;

export interface RunJob {
  /** The wire name the job was enqueued under. */
  name: string;
  /** Its outcome, as a short sentence (see above). */
  outcome: string;
}

export interface AppModules {
  /** The app version's root directory (holds src/worker.js and src/enqueue.js). */
  dir: string;
}

interface Pending {
  name: string;
  queue: string;
  /** node-resque: the args; BullMQ: the data. */
  payload: unknown;
  intent: Record<string, Value> | undefined;
  outcome?: string;
}

type EnqueueModule = { enqueueJobs(options: unknown): Promise<void> };
type WorkerModule<W> = { createWorker(options: unknown): W | W[] };

async function importApp<T>(dir: string, file: string): Promise<T> {
  return (await import(/* @vite-ignore */ pathToFileURL(join(dir, file)).href)) as T;
}

const show = (value: unknown) => (value === undefined ? 'undefined' : typeof value === 'string' ? `'${value}'` : JSON.stringify(value));

/**
 * The outcome of a completed job: its effect compared with the enqueuer's intent. Fields the worker
 * reports but the enqueuer did not send must have a value (a default); fields the enqueuer sent but
 * the worker does not know are ignored (an older worker doing the older work).
 */
export function classifyEffect(effect: unknown, intent: Record<string, Value> | undefined): string {
  if (effect === undefined || effect === null) return 'completed without doing its work';
  if (typeof effect !== 'object' || !intent) return 'completed';
  const missing: string[] = [];
  const wrong: string[] = [];
  for (const [key, value] of Object.entries(effect as Record<string, unknown>)) {
    if (value === undefined) missing.push(key);
    else if (key in intent && !isDeepStrictEqual(value, intent[key])) wrong.push(`${key}=${show(value)} (sent ${show(intent[key])})`);
  }
  if (wrong.length) return `wrong data: ${wrong.join(', ')}`;
  if (missing.length) return `ran with ${missing.join(', ')} undefined`;
  return 'completed';
}

/** Pairs each queued job with the call that sent it: by name, else (a name edited by hand) the next call left. */
function matchIntent(pending: Pending[], intents: Array<{ name: string; intent: Record<string, Value> }>): void {
  const left = [...intents];
  for (const job of pending) {
    const index = left.findIndex((candidate) => candidate.name === job.name);
    if (index >= 0) job.intent = left.splice(index, 1)[0]!.intent;
  }
  for (const job of pending) if (!job.intent && left.length) job.intent = left.shift()!.intent;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Tracks when the last job settled and since when the worker has found nothing to do after it. */
class Activity {
  private idleSince: number | undefined;
  job(): void {
    this.idleSince = undefined;
  }
  idle(): void {
    this.idleSince ??= Date.now();
  }
  /** The worker has found its queues empty, with no job settling since, for a little while. */
  isIdle(): boolean {
    return this.idleSince !== undefined && Date.now() - this.idleSince > IDLE_GRACE_MS;
  }
}

/** How long an idle worker is watched before the jobs it never took count as stuck. */
const IDLE_GRACE_MS = 100;

/** Waits until every job has an outcome, or the worker is idle with jobs left, or the run times out. */
async function settle(pending: Pending[], activity: Activity): Promise<void> {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (pending.every((job) => job.outcome !== undefined) || activity.isIdle()) return;
    await sleep(5);
  }
}

export interface Direction {
  framework: Framework;
  /** The server the framework keeps its jobs in. */
  redis?: RedisServer;
  postgres?: PostgresServer;
  /** The version whose code enqueues. */
  enqueuer: AppModules;
  /** The version whose worker processes. */
  worker: AppModules;
  /** What the enqueuer's calls mean, in call order. */
  intents: Array<{ name: string; intent: Record<string, Value> }>;
}

/** Enqueue with one version, process with another; one outcome per enqueued job, in queue order. */
export function runDirection(direction: Direction): Promise<RunJob[]> {
  switch (direction.framework) {
    case 'bullmq':
      return runBullmq(direction);
    case 'pg-boss':
      return runPgBoss(direction);
    case 'graphile-worker':
      return runGraphile(direction);
    default:
      return runResque(direction);
  }
}

async function runResque({ redis: server, enqueuer, worker, intents }: Direction): Promise<RunJob[]> {
  const redis = server!;
  const connection = { host: redis.host, port: redis.port, namespace: `safe-jobs-${randomUUID()}` };
  const admin = new ResqueQueue({ connection: { ...connection } });
  await admin.connect();
  let started: ResqueWorker | undefined;
  try {
    await (await importApp<EnqueueModule>(enqueuer.dir, 'src/enqueue.js')).enqueueJobs({ connection: { ...connection } });
    const pending: Pending[] = [];
    for (const queue of (await admin.queues()).sort()) {
      for (const job of await admin.queued(queue, 0, -1)) pending.push({ name: job.class, queue, payload: job.args, intent: undefined });
    }
    matchIntent(pending, intents);
    const created = (await importApp<WorkerModule<ResqueWorker>>(worker.dir, 'src/worker.js')).createWorker({ connection: { ...connection }, timeout: 10 });
    if (Array.isArray(created)) throw new Error('a node-resque app makes one worker');
    started = created;
    const find = (job: ParsedJob) => pending.find((entry) => entry.outcome === undefined && entry.name === job.class && isDeepStrictEqual(entry.payload, job.args));
    const activity = new Activity();
    started.on('success', (_queue, job, result) => {
      activity.job();
      const entry = find(job);
      if (entry) entry.outcome = classifyEffect(result, entry.intent);
    });
    started.on('failure', (_queue, job, failure) => {
      activity.job();
      const entry = find(job);
      if (entry) entry.outcome = `failed: ${failure.message}`;
    });
    // A pause: the worker polled all its queues and found them empty.
    started.on('pause', () => activity.idle());
    started.on('error', () => {});
    await started.connect();
    await started.start();
    await settle(pending, activity);
    for (const job of pending) job.outcome ??= `stuck in queue '${job.queue}'`;
    return pending.map(({ name, outcome }) => ({ name, outcome: outcome! }));
  } finally {
    await started?.end();
    const keys = await admin.connection.redis.keys(`${connection.namespace}:*`);
    if (keys.length) await admin.connection.redis.del(...keys);
    await admin.end();
  }
}

async function runBullmq({ redis: server, enqueuer, worker, intents }: Direction): Promise<RunJob[]> {
  const redis = server!;
  const prefix = `safe-jobs-${randomUUID()}`;
  const connection = { host: redis.host, port: redis.port };
  const queues = new Map<string, BullQueue>();
  let workers: BullWorker[] = [];
  // ioredis comes with BullMQ and node-resque: the raw client lists and deletes this run's keys.
  const client = new Redis({ ...connection, lazyConnect: true });
  await client.connect();
  try {
    await (await importApp<EnqueueModule>(enqueuer.dir, 'src/enqueue.js')).enqueueJobs({ connection, prefix });
    const names = (await client.keys(`${prefix}:*:id`)).map((key) => key.slice(prefix.length + 1, -':id'.length)).sort();
    const pending: Array<Pending & { id: string }> = [];
    // A delayed job is not idle time: the worker is drained until it is due.
    let latestDue = 0;
    for (const name of names) {
      const queue = new BullQueue(name, { connection, prefix });
      queues.set(name, queue);
      const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized'], 0, -1, true);
      for (const job of jobs) pending.push({ id: `${name}:${job.id}`, name: job.name, queue: name, payload: job.data, intent: undefined });
      for (const job of jobs) latestDue = Math.max(latestDue, job.timestamp + (job.opts.delay ?? 0));
    }
    matchIntent(pending, intents);
    const created = (await importApp<WorkerModule<BullWorker>>(worker.dir, 'src/worker.js')).createWorker({ connection, prefix, autorun: false });
    workers = Array.isArray(created) ? created : [created];
    const activity = new Activity();
    const find = (job: BullJob | undefined) => (job ? pending.find((entry) => entry.id === `${job.queueName}:${job.id}`) : undefined);
    for (const each of workers) {
      each.on('completed', (job, result) => {
        activity.job();
        const entry = find(job);
        if (entry) entry.outcome = classifyEffect(result, entry.intent);
      });
      each.on('failed', (job, error) => {
        activity.job();
        const entry = find(job);
        if (entry) entry.outcome = `failed: ${error.message}`;
      });
      // Drained: the worker found its queue empty (and no delayed job is still to come).
      each.on('drained', () => {
        if (Date.now() >= latestDue) activity.idle();
      });
      each.on('error', () => {});
      void each.run();
    }
    await settle(pending, activity);
    for (const job of pending) job.outcome ??= `stuck in queue '${job.queue}'`;
    return pending.map(({ name, outcome }) => ({ name, outcome: outcome! }));
  } finally {
    await Promise.all(workers.map((each) => each.close(true)));
    const keys = await client.keys(`${prefix}:*`);
    if (keys.length) await client.del(...keys);
    await Promise.all([...queues.values()].map((queue) => queue.close()));
    await client.quit();
  }
}

/** A schema of its own per run, for both versions: runs never see each other's jobs. */
const runSchema = () => `safe_jobs_${randomUUID().replace(/-/g, '')}`;

/** Polls until `done`, or the run times out. */
async function until(done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await done()) return;
    await sleep(50);
  }
}

/**
 * pg-boss: the enqueuer's boss creates its queues and sends; the worker's boss works its names.
 * A job's state (and a failure's error) are read from pg-boss's table, its effect from the app;
 * a job no worker of that version fetches stays `created` until the run ends.
 */
async function runPgBoss({ postgres, enqueuer, worker, intents }: Direction): Promise<RunJob[]> {
  const schema = runSchema();
  const options = { connectionString: postgres!.url, schema };
  // node-postgres comes with pg-boss and graphile-worker: the raw client reads this run's jobs and drops its schema.
  const client = new pg.Client(postgres!.url);
  await client.connect();
  let boss: { stop(options: object): Promise<void> } | undefined;
  try {
    await (await importApp<EnqueueModule>(enqueuer.dir, 'src/enqueue.js')).enqueueJobs(options);
    const rows = (await client.query(`select id, name, data from ${schema}.job order by created_on, id`)).rows as Array<{ id: string; name: string; data: unknown }>;
    const pending: Array<Pending & { id: string }> = rows.map((row) => ({ id: row.id, name: row.name, queue: row.name, payload: row.data, intent: undefined }));
    matchIntent(pending, intents);
    const created = await (await importApp<{ createWorker(options: unknown): Promise<{ boss: NonNullable<typeof boss>; effects: Map<string, unknown> }> }>(worker.dir, 'src/worker.js')).createWorker(options);
    boss = created.boss;
    const { effects } = created;
    const read = async () => (await client.query(`select id, state, output from ${schema}.job`)).rows as Array<{ id: string; state: string; output: unknown }>;
    await until(async () => (await read()).every((row) => row.state === 'completed' || row.state === 'failed'));
    const states = new Map((await read()).map((row) => [row.id, row]));
    for (const job of pending) {
      const row = states.get(job.id);
      if (row?.state === 'completed') job.outcome = classifyEffect(effects.get(job.id), job.intent);
      else if (row?.state === 'failed') job.outcome = `failed: ${(row.output as { message?: string } | null)?.message ?? 'unknown error'}`;
      else job.outcome = `waiting in queue '${job.queue}'`;
    }
    return pending.map(({ name, outcome }) => ({ name, outcome: outcome! }));
  } finally {
    await boss?.stop({ graceful: false, wait: true });
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
}

/**
 * graphile-worker: the enqueuer adds jobs with `quickAddJob`; the worker's runner runs its task
 * list. A job that succeeds is deleted (its effect is kept by the app, by job id); one that fails
 * keeps its error; one whose task the worker does not support is never fetched.
 */
async function runGraphile({ postgres, enqueuer, worker, intents }: Direction): Promise<RunJob[]> {
  const schema = runSchema();
  const options = { connectionString: postgres!.url, schema };
  const client = new pg.Client(postgres!.url);
  await client.connect();
  let runner: { stop(): Promise<void> } | undefined;
  try {
    await (await importApp<EnqueueModule>(enqueuer.dir, 'src/enqueue.js')).enqueueJobs(options);
    const listed = `select j.id::text as id, t.identifier as name, j.payload, j.last_error from ${schema}._private_jobs j join ${schema}._private_tasks t on t.id = j.task_id`;
    const rows = (await client.query(`${listed} order by j.id`)).rows as Array<{ id: string; name: string; payload: unknown }>;
    const pending: Array<Pending & { id: string }> = rows.map((row) => ({ id: row.id, name: row.name, queue: row.name, payload: row.payload, intent: undefined }));
    matchIntent(pending, intents);
    const created = await (await importApp<{ createWorker(options: unknown): Promise<{ runner: { stop(): Promise<void> }; effects: Map<string, unknown> }> }>(worker.dir, 'src/worker.js')).createWorker(options);
    runner = created.runner;
    const read = async () => new Map(((await client.query(listed)).rows as Array<{ id: string; last_error: string | null }>).map((row) => [row.id, row]));
    // Settled: every job succeeded (deleted) or failed (an error kept), or only jobs the worker never fetches are left.
    await until(async () => {
      const left = await read();
      return pending.every((job) => !left.has(job.id) || left.get(job.id)!.last_error !== null);
    });
    const left = await read();
    for (const job of pending) {
      const row = left.get(job.id);
      if (!row) job.outcome = classifyEffect(created.effects.get(job.id), job.intent);
      else if (row.last_error !== null) job.outcome = `failed: ${row.last_error.split('\n')[0]!.replace(/^\w*Error: /, '')}`;
      else job.outcome = `waiting: no worker supports '${job.name}'`;
    }
    return pending.map(({ name, outcome }) => ({ name, outcome: outcome! }));
  } finally {
    await runner?.stop();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
}
