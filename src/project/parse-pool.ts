/**
 * Parses many files at once in worker threads: a first lint (or a CI job without the facts
 * store) parses every job and enqueuing file of the project, thousands in a large one. The
 * parse's garbage then grows the workers' heaps, not the heap of ESLint's thread, where it makes
 * it likelier that V8 sets a high heap limit that the rest of the lint fills (bench/README.md:
 * 2.2 GB peaks at 20,000 files in 2 of 4 first runs without workers, none of 4 with them; later
 * runs, which parse nothing, still peak at times). Rules are synchronous, so this thread blocks
 * while it waits (`Atomics.wait`) and takes the outcomes with `receiveMessageOnPort`, the pattern
 * synckit uses.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMainThread, MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { JobPattern } from '../adapters/job-pattern.js';
import { type ParseOutcome, parseFileFacts } from '../adapters/parse-file.js';

/** What each worker receives. `counters[0]` is the next unclaimed file, `counters[1]` the outcomes posted. */
export interface ParseBatch {
  files: Array<[path: string, text: string]>;
  pattern: JobPattern;
  counters: Int32Array;
  port: MessagePort;
}

/** A worker first loads TypeScript (~0.5 s): smaller batches are parsed here. */
export const MIN_WORKER_FILES = 300;

/** Workers that post nothing for this long (never started, or stopped) are given up; this thread parses the rest. */
const START_MS = 10_000;
const STALL_MS = 30_000;

const WORKER_FILE = fileURLToPath(new URL('./parse-worker.js', import.meta.url));

/** Set once workers failed to start in this process: they are not tried again. */
let workersFailed = false;

/** Outcomes received from workers in this process: the pool's only trace, for tests and diagnostics. */
export let workerOutcomes = 0;

/** Outcomes in the order of `files`, the same as parsing each file here one after the other. */
export function parseFiles(files: Array<[path: string, text: string]>, pattern: JobPattern, threads?: number): ParseOutcome[] {
  const outcomes: Array<ParseOutcome | undefined> = new Array(files.length);
  // Small batches (an edited file's new imports) never look for workers.
  const count = files.length >= MIN_WORKER_FILES && !workersFailed ? (threads ?? getWorkerCount()) : 0;
  if (count > 0) {
    const counters = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
    const workers = startWorkers({ files, pattern, counters }, count);
    try {
      if (workers.length > 0 && !waitForWorkers(workers, counters, outcomes)) workersFailed = true;
    } finally {
      for (const { worker } of workers) void worker.terminate();
    }
  }
  // Whatever no worker parsed (none started, one failed on a file or stopped) is parsed here,
  // so that an error surfaces as it always does.
  return Array.from(outcomes, (outcome, index) => outcome ?? parseFileFacts(files[index]![0], files[index]![1], pattern));
}

interface RunningWorker {
  worker: Worker;
  port: MessagePort;
}

function startWorkers(batch: Omit<ParseBatch, 'port'>, count: number): RunningWorker[] {
  const workers: RunningWorker[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(WORKER_FILE, { workerData: { ...batch, port: port2 }, transferList: [port2] });
      // Never keeps the process alive; an error (a worker that cannot start) is seen as silence.
      worker.unref();
      worker.on('error', () => {});
      workers.push({ worker, port: port1 });
    }
  } catch {
    // A pattern that cannot be copied to a thread, or no threads at all: whatever started helps.
  }
  return workers;
}

/** Takes the workers' outcomes until every file has one; false when they went silent first. */
function waitForWorkers(workers: RunningWorker[], counters: Int32Array, outcomes: Array<ParseOutcome | undefined>): boolean {
  let received = 0;
  let lastNews = Date.now();
  const drain = () => {
    for (const { port } of workers) {
      for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
        const [index, outcome] = message.message as [number, ParseOutcome | null];
        if (outcome) {
          outcomes[index] = outcome;
          workerOutcomes++;
        }
        received++;
        lastNews = Date.now();
      }
    }
  };
  while (received < outcomes.length) {
    drain();
    if (received >= outcomes.length) break;
    if (Atomics.wait(counters, 1, received, 100) === 'timed-out' && Date.now() - lastNews > (received === 0 ? START_MS : STALL_MS)) {
      // No file is claimed any more; what was claimed and not posted is parsed by the caller.
      Atomics.store(counters, 0, outcomes.length);
      drain();
      return received > 0;
    }
  }
  return true;
}

/**
 * Worker threads to parse in: none inside ESLint's own worker threads (`--concurrency` already
 * keeps the cores busy) or when run from the sources (tests), where no compiled worker module
 * exists. `SAFE_JOBS_PARSE_THREADS` sets the count; 0 parses in ESLint's thread.
 */
function getWorkerCount(): number {
  if (!isMainThread || !existsSync(WORKER_FILE)) return 0;
  const configured = Number.parseInt(process.env.SAFE_JOBS_PARSE_THREADS ?? '', 10);
  if (Number.isInteger(configured) && configured >= 0) return Math.min(configured, 8);
  return Math.max(1, Math.min(availableParallelism() - 1, 3));
}
