// From a cold process to the first report on one job file, through the plugin's engine.
//   node bench/baseline-load.mjs <corpus> <job file relative to corpus> [baselines, comma-separated]
// Prints one JSON line with the phases in ms. The imports are timed apart: ESLint's
// TypeScript parser loads the same modules, so in a real lint only the engine work is added.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [corpus, file, baselines = 'main'] = process.argv.slice(2);
const filename = join(corpus, file);
const started = performance.now();

const { parse } = await import('@typescript-eslint/typescript-estree');
const { getEngine } = await import('../dist/engine/engine.js');
const { readSettings } = await import('../dist/settings.js');
const { extractFacts } = await import('../dist/adapters/traverse.js');
// Started with --expose-gc by run.mjs: the heap the engine keeps is measured between two
// collections, a figure that other load on the machine does not move, unlike peak RSS.
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const imported = performance.now();

const result = readSettings({ 'safe-jobs': { baseline: baselines.split(',') } });
if ('error' in result) throw new Error(result.error);
const { settings } = result;
const engine = getEngine(filename, corpus, settings);

// The baseline alone, where the engine's (private) parts are reachable; lintFile then finds
// it cached. Without them, only the total is reported. A lint loads the working tree first
// and the baseline shares its listing, so the working tree is loaded first here too.
let baselineMs;
if (typeof engine.baseline?.get === 'function' && typeof engine.current?.getContractSet === 'function') {
  engine.current.getContractSet();
  const before = performance.now();
  const baseline = engine.baseline.get();
  if ('problem' in baseline) throw new Error(baseline.problem);
  baselineMs = performance.now() - before;
}

const text = readFileSync(filename, 'utf8');
const extract = () => extractFacts(parse(text, { range: true, loc: true, filePath: filename }), text, settings.pattern, false);
const report = engine.lintFile(filename, text, extract);
const ready = performance.now();
if (report.problem) throw new Error(report.problem);
globalThis.gc?.();
const retainedMB = globalThis.gc ? (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20 : undefined;

console.log(
  JSON.stringify({
    bootMs: started,
    importMs: imported - started,
    baselineMs,
    engineMs: ready - imported,
    totalMs: ready,
    findings: report.findings.length,
    retainedMB,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
