// `safe-jobs check` on a corpus, as a CI step runs it: wall time of a run without the facts
// cache (cleared first), then of later runs that find the cache the previous one wrote.
//   node bench/check-time.mjs <corpus> [later runs, default 5]        (after `npm run build`)
// Prints one JSON line: cold ms, the later runs' ms and their median.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [corpusArg, runsArg = '5'] = process.argv.slice(2);
if (!corpusArg) throw new Error('usage: node bench/check-time.mjs <corpus> [later runs]');
const corpus = resolve(corpusArg);
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'main.js');

function check() {
  const env = { ...process.env };
  delete env.SAFE_JOBS_BASELINE;
  const started = performance.now();
  const run = spawnSync(process.execPath, [cli, 'check', '--base', 'main', '--format', 'json'], { cwd: corpus, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  // Exit 1: findings (the corpus has some); 2: the check could not run.
  if (run.status !== 0 && run.status !== 1) throw new Error(`check failed (${run.status}): ${run.stderr}`);
  return { ms, findings: JSON.parse(run.stdout).findings.length };
}

rmSync(join(corpus, 'node_modules', '.cache', 'eslint-plugin-safe-jobs'), { recursive: true, force: true });
const cold = check();
const later = Array.from({ length: Number(runsArg) }, check);
const sorted = later.map((run) => run.ms).sort((a, b) => a - b);
const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
if (later.some((run) => run.findings !== cold.findings)) throw new Error('a later run found something else than the first');
console.log(JSON.stringify({ coldMs: Math.round(cold.ms), laterMs: later.map((run) => Math.round(run.ms)), laterMedianMs: Math.round(median), findings: cold.findings }));
