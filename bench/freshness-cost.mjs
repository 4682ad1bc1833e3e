// What the editor's disk-freshness check costs: one `lstat` per file the contracts were built
// from, a slice of them at a time, at most every 250 ms, in a long-lived process (project/disk-stamps.ts).
//   npm run build && node bench/generate-corpus.mjs 20000 && node bench/freshness-cost.mjs bench/.corpus/20000
// Prints one JSON line: the files checked, and the median and p95 time of one check (one slice) in ms, and the checks a full sweep takes;
// and the buffer check each lint of a job file makes (one read of the file from disk, to tell an unsaved buffer from the disk).
const [corpus] = process.argv.slice(2);
if (!corpus) throw new Error('usage: node bench/freshness-cost.mjs <project folder>');
const { DiskStamps } = await import('../dist/project/disk-stamps.js');
const { getEngine } = await import('../dist/engine/engine.js');
const { readSettings } = await import('../dist/settings.js');
const result = readSettings({ 'safe-jobs': { baseline: 'main' } });
if ('error' in result) throw new Error(result.error);
const engine = getEngine(`${corpus}/package.json`, corpus, result.settings);
engine.analyzeProject();
// The engine's own parts are private: the benchmark reads the loaded file list the way the check does.
const files = [...(/** @type {any} */ (engine).current.project.files.keys())];
const stamps = new DiskStamps(corpus);
stamps.reset(files, 0);
const times = [];
for (let run = 1; run <= 100; run++) {
  const started = performance.now();
  stamps.getChanged(run * 10_000);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const source = /** @type {any} */ (engine).worktree;
const jobFile = files.find((path) => path.includes('job')) ?? files[0];
const reads = [];
for (let run = 0; run < 200; run++) {
  const started = performance.now();
  source.readFiles([jobFile]);
  reads.push(performance.now() - started);
}
reads.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    files: files.length,
    medianMs: Number(times[50].toFixed(2)),
    p95Ms: Number(times[95].toFixed(2)),
    checksPerSweep: Math.ceil(files.length / 200),
    bufferCheckMedianMs: Number(reads[100].toFixed(3)),
    bufferCheckP95Ms: Number(reads[190].toFixed(3)),
  }),
);
