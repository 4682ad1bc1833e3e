/**
 * A worker thread of the parse pool: takes the next unclaimed file until none is left and posts
 * each outcome as soon as it has it, so that a worker that stops loses at most one file.
 */
import { workerData } from 'node:worker_threads';
import { parseFileFacts } from '../adapters/parse-file.js';
import type { ParseBatch } from './parse-pool.js';

const { files, pattern, counters, port } = workerData as ParseBatch;

for (let index = Atomics.add(counters, 0, 1); index < files.length; index = Atomics.add(counters, 0, 1)) {
  const [path, text] = files[index]!;
  let outcome;
  try {
    outcome = parseFileFacts(path, text, pattern);
  } catch {
    // The waiting thread parses it again itself, so that the error surfaces where it always does.
    outcome = null;
  }
  port.postMessage([index, outcome]);
  Atomics.add(counters, 1, 1);
  Atomics.notify(counters, 1);
}
