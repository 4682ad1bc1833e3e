// One full lint of a corpus in a fresh process, so that no module cache or engine state
// survives from another run.  node bench/lint-once.mjs <corpus> <floor|plugin|cycle> [off|auto|<n>]
// Prints one JSON line: wall time since process start, peak RSS, and a digest of the findings.
import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { GCProfiler } from 'node:v8';
import { ESLint } from 'eslint';
import { optionsURL } from './eslint-options.mjs';

const [corpus, mode, concurrency = 'off'] = process.argv.slice(2);
const gcProfiler = new GCProfiler();
gcProfiler.start();
const eslint = await ESLint.fromOptionsModule(optionsURL(corpus, mode, concurrency));
const results = await eslint.lintFiles(['.']);
// performance.now() counts from process start: node's boot and the imports are part of the lint.
const wallMs = performance.now();
const gc = summarizeGC(gcProfiler.stop().statistics);

const messages = [];
for (const result of results) {
  const file = relative(corpus, result.filePath);
  for (const message of result.messages) messages.push(`${file}:${message.line}:${message.column}:${message.ruleId}:${message.messageId ?? message.message}`);
}
messages.sort();
const byRule = {};
for (const line of messages) {
  const rule = line.split(':')[3];
  byRule[rule] = (byRule[rule] ?? 0) + 1;
}
console.log(
  JSON.stringify({
    mode,
    concurrency,
    wallMs,
    // CPU time of this process alone (git's subprocesses not included): less disturbed than
    // wall time by other load on the machine.
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    files: results.length,
    gcMs: gc.pauseMs,
    promotedMB: gc.promotedMB,
    byRule,
    digest: createHash('sha1').update(messages.join('\n')).digest('hex'),
    sample: messages.slice(0, 8),
  }),
);

/**
 * Time in GC and bytes promoted to the old generation (what a scavenge adds to the other
 * spaces): counters that other load on the machine does not move the way it moves wall time.
 */
function summarizeGC(statistics) {
  let pauseUs = 0;
  let promoted = 0;
  const oldSpaces = (stats) => stats.heapSpaceStatistics.filter((space) => !space.spaceName.startsWith('new_'));
  const used = (spaces) => spaces.reduce((sum, space) => sum + space.spaceUsedSize, 0);
  for (const entry of statistics) {
    pauseUs += entry.cost;
    if (entry.gcType === 'Scavenge') promoted += used(oldSpaces(entry.afterGC)) - used(oldSpaces(entry.beforeGC));
  }
  return { pauseMs: pauseUs / 1000, promotedMB: promoted / 2 ** 20 };
}
