/**
 * Small apps, one per framework, written as plain ESM JavaScript: Node runs them as they are and
 * the plugin reads them through ESLint's default parser. Each app version is a set of files:
 *
 * - `src/jobs.js`: the jobs (a node-resque job map, ActiveJob-style classes, BullMQ handler functions);
 * - `src/worker.js`: `createWorker(options)`, the framework's worker over those jobs;
 * - `src/enqueue.js`: `enqueueJobs(options)`, the app's enqueue calls.
 *
 * A job's handler returns its effect, `{ to, body, ... }`: what it did with the data it was given.
 * The simulator compares that effect with what the enqueuer meant.
 */
import type { Files } from '../helpers/git-repo.js';

export const FRAMEWORKS = ['node-resque', 'activejob', 'bullmq', 'pg-boss', 'graphile-worker'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** The frameworks that keep their jobs in PostgreSQL (the others, in Redis). */
export const POSTGRES_FRAMEWORKS: readonly Framework[] = ['pg-boss', 'graphile-worker'];

export const FRAMEWORK_LABELS: Record<Framework, string> = {
  'node-resque': 'node-resque',
  activejob: 'ActiveJob-style classes (on node-resque)',
  bullmq: 'BullMQ',
  'pg-boss': 'pg-boss',
  'graphile-worker': 'graphile-worker',
};

export type Value = string | number | boolean | null | Value[] | Code | { [key: string]: Value };

/** Code written as it is at the enqueue call (`new Date(0)`): a value that JSON has no literal for. */
export interface Code {
  $code: string;
}

function isCode(value: Value): value is Code {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as Code).$code === 'string';
}

export interface JobDef {
  /** The wire name: node-resque's map key, the ActiveJob-style class name, BullMQ's job name. */
  name: string;
  /** The handler's parameter list as written: `userId, message` or `{ userId, message }`. */
  params: string;
  /** The handler's body (statements; it returns the effect). */
  body: string;
}

export interface Enqueue {
  name: string;
  /** Positional arguments; a payload is one object argument. */
  args: Value[];
  /** The queue (node-resque and BullMQ); ActiveJob-style jobs use their class's `queue`. */
  queue?: string;
  /** What the enqueuer means the job to do: the effect a worker should return. */
  intent: Record<string, Value>;
  /** BullMQ: a delay in milliseconds (`{ delay }`): the job waits, and may reach a later version's workers. */
  delayMs?: number;
}

export interface AppVersion {
  jobs: JobDef[];
  /** Old wire names kept handled by another job: a second registration, a class alias, a second `case`. */
  aliases?: Array<{ from: string; to: string }>;
  enqueues: Enqueue[];
  /** The queues the worker consumes (default: `mail`; ActiveJob-style: the queues of its classes). */
  workerQueues?: string[];
  /** ActiveJob-style: each class's `static queue` (default `mail`). */
  classQueues?: Record<string, string>;
  /** BullMQ: what the processor's `switch` does with a job name it has no case for. */
  unknown?: 'throw' | 'ignore';
}

export const DEFAULT_QUEUE = 'mail';

/** A JavaScript literal for a JSON value, in the style of hand-written code. */
export function literal(value: Value): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (isCode(value)) return value.$code;
  const entries = Object.entries(value).map(([key, member]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : literal(key)}: ${literal(member)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');

const PACKAGES: Record<Framework, Record<string, string>> = {
  'node-resque': { 'node-resque': '9.7.1' },
  activejob: { 'node-resque': '9.7.1' },
  bullmq: { bullmq: '6.7.0' },
  'pg-boss': { 'pg-boss': '10.4.2' },
  'graphile-worker': { 'graphile-worker': '0.16.6' },
};

function packageJson(framework: Framework): string {
  return `${JSON.stringify({ name: `app-${framework}`, private: true, type: 'module', dependencies: PACKAGES[framework] }, null, 2)}\n`;
}

const className = (name: string) => name;

/** An ActiveJob-style job class as src/jobs.js declares it. */
export function activeJobClass(job: JobDef, queue = DEFAULT_QUEUE): string {
  return `export class ${className(job.name)} extends ApplicationJob {\n  static queue = ${literal(queue)};\n\n  async perform(${job.params}) {\n${indent(job.body, '    ')}\n  }\n}\n`;
}

function nodeResque(app: AppVersion): Files {
  const functions = app.jobs.map((job) => `async function ${job.name}(${job.params}) {\n${indent(job.body, '  ')}\n}\n`);
  const entries = [
    ...app.jobs.map((job) => `  ${job.name}: { perform: ${job.name} },`),
    ...(app.aliases ?? []).map((alias) => `  // Renamed to ${alias.to}; remove once no deployed code enqueues ${alias.from}.\n  ${alias.from}: { perform: ${alias.to} },`),
  ];
  const queues = app.workerQueues ?? [DEFAULT_QUEUE];
  return {
    'src/jobs.js': `${functions.join('\n')}\n\nexport const jobs = {\n${entries.join('\n')}\n};\n`,
    'src/worker.js': `import { Worker } from 'node-resque';\nimport { jobs } from './jobs.js';\n\nexport function createWorker(options) {\n  return new Worker({ ...options, queues: ${literal(queues)} }, jobs);\n}\n`,
    'src/enqueue.js': `import { Queue } from 'node-resque';\n\nexport async function enqueueJobs(options) {\n  const queue = new Queue(options);\n  await queue.connect();\n${app.enqueues
      .map((call) => `  await queue.enqueue(${literal(call.queue ?? DEFAULT_QUEUE)}, ${literal(call.name)}, ${literal(call.args)});\n`)
      .join('')}  await queue.end();\n}\n`,
  };
}

const APPLICATION_JOB = `let queue;

/** Where performLater sends jobs: a connected node-resque Queue. */
export function useQueue(resqueQueue) {
  queue = resqueQueue;
}

/** ActiveJob-style: the class name is the wire name, the arguments travel as positional arguments. */
export class ApplicationJob {
  static queue = 'default';

  static async performLater(...args) {
    await queue.enqueue(this.queue, this.name, args);
  }
}
`;

const ACTIVEJOB_WORKER = `import { Worker } from 'node-resque';
import { ApplicationJob } from './application-job.js';
import * as classes from './jobs.js';

/** Every job class the app exports, by class name, the way ActiveJob looks a class up by its name. */
export function createWorker(options) {
  const handlers = {};
  const queues = new Set();
  for (const job of Object.values(classes)) {
    if (!(job.prototype instanceof ApplicationJob)) continue;
    handlers[job.name] = { perform: (...args) => new job().perform(...args) };
    queues.add(job.queue);
  }
  return new Worker({ ...options, queues: [...queues] }, handlers);
}
`;

function activeJob(app: AppVersion): Files {
  const classes = app.jobs.map((job) => {
    const queue = app.classQueues?.[job.name] ?? DEFAULT_QUEUE;
    const own = activeJobClass(job, queue);
    const aliases = (app.aliases ?? [])
      .filter((alias) => alias.to === job.name)
      .map((alias) => `\n/** @deprecated Renamed to ${alias.to}; remove once no deployed code enqueues ${alias.from}. */\nexport class ${alias.from} extends ${alias.to} {}\n`);
    return own + aliases.join('');
  });
  const used = [...new Set(app.enqueues.map((call) => call.name))];
  if (app.workerQueues) throw new Error('ActiveJob-style workers consume the queues of their classes');
  return {
    'src/application-job.js': APPLICATION_JOB,
    'src/jobs.js': `import { ApplicationJob } from './application-job.js';\n\n${classes.join('\n')}`,
    'src/worker.js': ACTIVEJOB_WORKER,
    'src/enqueue.js': `import { Queue } from 'node-resque';\nimport { useQueue } from './application-job.js';\n${
      used.length ? `import { ${used.join(', ')} } from './jobs.js';\n` : ''
    }\nexport async function enqueueJobs(options) {\n  const queue = new Queue(options);\n  await queue.connect();\n  useQueue(queue);\n${app.enqueues
      .map((call) => `  await ${className(call.name)}.performLater(${call.args.map(literal).join(', ')});\n`)
      .join('')}  await queue.end();\n}\n`,
  };
}

const queueVariable = (queue: string) => `${queue.replace(/[^A-Za-z0-9]+(.)?/g, (_m, next: string | undefined) => (next ?? '').toUpperCase())}Queue`;

function bullmq(app: AppVersion): Files {
  const functions = app.jobs.map((job) => `export async function ${job.name}(${job.params}) {\n${indent(job.body, '  ')}\n}\n`);
  const cases = [
    ...app.jobs.flatMap((job) => [
      ...(app.aliases ?? []).filter((alias) => alias.to === job.name).map((alias) => `      case ${literal(alias.from)}: // renamed to ${alias.to}; remove once no deployed code enqueues ${alias.from}`),
      `      case ${literal(job.name)}:\n        return ${job.name}(job.data);`,
    ]),
    ...(app.unknown === 'ignore' ? [] : ["      default:\n        throw new Error(`Unknown job '${job.name}'`);"]),
  ];
  const imports = app.jobs.map((job) => job.name).join(', ');
  const queues = app.workerQueues ?? [DEFAULT_QUEUE];
  const processor = `async (job) => {\n    switch (job.name) {\n${cases.join('\n')}\n    }\n  }`;
  const worker =
    queues.length === 1
      ? `export function createWorker(options) {\n  return new Worker(\n    ${literal(queues[0]!)},\n    ${indent(processor, '  ').trimStart()},\n    options,\n  );\n}\n`
      : `const processor = ${processor};\n\nexport function createWorker(options) {\n  return ${literal(queues)}.map((name) => new Worker(name, processor, options));\n}\n`;
  const enqueueQueues = [...new Set(app.enqueues.map((call) => call.queue ?? DEFAULT_QUEUE))];
  return {
    'src/jobs.js': functions.join('\n'),
    'src/worker.js': `import { Worker } from 'bullmq';\nimport { ${imports} } from './jobs.js';\n\n${worker}`,
    'src/enqueue.js': `import { Queue } from 'bullmq';\n\nexport async function enqueueJobs(options) {\n${enqueueQueues
      .map((queue) => `  const ${queueVariable(queue)} = new Queue(${literal(queue)}, options);\n`)
      .join('')}${app.enqueues
      .map((call) => `  await ${queueVariable(call.queue ?? DEFAULT_QUEUE)}.add(${[literal(call.name), ...call.args.map(literal), ...(call.delayMs ? [`{ delay: ${call.delayMs} }`] : [])].join(', ')});\n`)
      .join('')}${enqueueQueues.map((queue) => `  await ${queueVariable(queue)}.close();\n`).join('')}}\n`,
  };
}

/** The names a version's worker handles: its jobs, and the old names kept as aliases of them. */
function handled(app: AppVersion): Array<{ name: string; job: JobDef; alias?: string }> {
  return app.jobs.flatMap((job) => [{ name: job.name, job }, ...(app.aliases ?? []).filter((alias) => alias.to === job.name).map((alias) => ({ name: alias.from, job, alias: alias.to }))]);
}

/**
 * pg-boss 10: one queue per job name (created before use), a worker per name whose handler
 * receives a batch of one job, its id and data destructured. Its effect is kept by job id:
 * pg-boss keeps a job's output as JSON, which loses undefined fields.
 */
function pgBoss(app: AppVersion): Files {
  const works = handled(app).map(
    ({ name, job, alias }) =>
      `${alias ? `  // Renamed to ${alias}; remove once no deployed code enqueues ${name}.\n` : ''}  await boss.createQueue(${literal(name)});\n` +
      `  await boss.work(${literal(name)}, { pollingIntervalSeconds: 0.5 }, async ([{ id, data: ${job.params} }]) => {\n` +
      `    effects.set(id, await (async () => {\n${indent(job.body, '      ')}\n    })());\n  });\n`,
  );
  const names = [...new Set(app.enqueues.map((call) => call.name))];
  return {
    'src/jobs.js': `/** What each job did, by job id. */\nexport const effects = new Map();\n\n/** Registers a worker per job on a started boss. */\nexport async function registerJobs(boss) {\n${works.join('')}}\n`,
    'src/worker.js': `import PgBoss from 'pg-boss';\nimport { effects, registerJobs } from './jobs.js';\n\nexport async function createWorker(options) {\n  const boss = new PgBoss(options);\n  boss.on('error', () => {});\n  await boss.start();\n  await registerJobs(boss);\n  return { boss, effects };\n}\n`,
    'src/enqueue.js':
      `import PgBoss from 'pg-boss';\n\nexport async function enqueueJobs(options) {\n  const boss = new PgBoss(options);\n  boss.on('error', () => {});\n  await boss.start();\n` +
      names.map((name) => `  await boss.createQueue(${literal(name)}, { retryLimit: 0 });\n`).join('') +
      app.enqueues.map((call) => `  await boss.send(${literal(call.name)}, ${call.args.map(literal).join(', ')});\n`).join('') +
      `  await boss.stop({ graceful: false, wait: true });\n}\n`,
  };
}

/**
 * graphile-worker: a task list of functions taking the payload (destructured) and helpers; a
 * task's effect is kept by job id, since graphile-worker deletes a job once it succeeds.
 */
function graphileWorker(app: AppVersion): Files {
  const tasks = handled(app).map(
    ({ name, job, alias }) =>
      `${alias ? `  // Renamed to ${alias}; remove once no deployed code enqueues ${name}.\n` : ''}  ${/^[A-Za-z_$][\w$]*$/.test(name) ? name : literal(name)}: async (${job.params}, helpers) => {\n` +
      `    effects.set(String(helpers.job.id), await (async () => {\n${indent(job.body, '      ')}\n    })());\n  },\n`,
  );
  return {
    'src/jobs.js': `/** What each job did, by job id. */\nexport const effects = new Map();\n\nexport const taskList = {\n${tasks.join('')}};\n`,
    // No crontab (graphile-worker would look for ./crontab) and no log lines in the test output.
    'src/worker.js': `import { Logger, run } from 'graphile-worker';\nimport { effects, taskList } from './jobs.js';\n\nconst logger = new Logger(() => () => {});\n\nexport async function createWorker(options) {\n  const runner = await run({ ...options, taskList, crontab: '', logger, concurrency: 1, pollInterval: 50, noHandleSignals: true });\n  return { runner, effects };\n}\n`,
    'src/enqueue.js':
      `import { Logger, quickAddJob } from 'graphile-worker';\n\nconst logger = new Logger(() => () => {});\n\nexport async function enqueueJobs(options) {\n` +
      app.enqueues.map((call) => `  await quickAddJob({ ...options, logger }, ${literal(call.name)}, ${call.args.map(literal).join(', ')}, { maxAttempts: 1 });\n`).join('') +
      `}\n`,
  };
}

const RENDERERS: Record<Framework, (app: AppVersion) => Files> = { 'node-resque': nodeResque, activejob: activeJob, bullmq, 'pg-boss': pgBoss, 'graphile-worker': graphileWorker };

/** The files of one app version, with its package.json (whose dependencies enable the plugin's presets). */
export function renderApp(framework: Framework, app: AppVersion): Files {
  return { 'package.json': packageJson(framework), ...RENDERERS[framework](app) };
}
