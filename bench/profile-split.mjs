// Where a command's time goes, by part of the plugin: runs it under `node --cpu-prof` and sums
// each sample into the first frame (from the leaf up) that belongs to a part.
//   node bench/profile-split.mjs [--cwd <dir>] -- <script> [args...]     e.g. -- dist/cli/main.js check
// Prints one table per thread profile (the main thread first) and a JSON line with the main split.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
if (dash === -1 || dash === argv.length - 1) throw new Error('usage: node bench/profile-split.mjs [--cwd <dir>] -- <script> [args...]');
const cwdAt = argv.indexOf('--cwd');
const cwd = cwdAt !== -1 && cwdAt < dash ? resolve(argv[cwdAt + 1]) : process.cwd();
const [script, ...args] = argv.slice(dash + 1);
/** `--functions`: also the functions that took the most time in each part (the frame the sample went to). */
const showFunctions = argv.slice(0, dash).includes('--functions');

/** The parts, first match wins; a frame matches by its script's path. */
const PARTS = [
  ['git (processes and their output)', /\/dist\/(git|baseline)\//],
  ['listing and prefilter', /\/dist\/project\/(working-tree-source|load-project|current-index|disk-stamps|locate|packages)\.js/],
  ['facts cache (read, write, validate)', /\/dist\/project\/(facts-cache|facts-store)\.js/],
  ['parse (TypeScript ESTree)', /\/(typescript-estree|typescript\/lib)\//],
  ['waiting for parse threads', /\/dist\/project\/parse-(pool|worker)\.js/],
  ['extraction (adapters)', /\/dist\/adapters\//],
  ['resolution (modules, payload types)', /\/dist\/resolve\//],
  ['contracts', /\/dist\/project\/build-contracts\.js/],
  ['comparison', /\/dist\/compare\//],
  ['engine, rules, CLI', /\/dist\/(engine|rules|cli|settings|index)/],
  ['ESLint', /\/node_modules\/(eslint|@eslint|espree|eslint-scope|@typescript-eslint\/(parser|scope-manager|visitor-keys))\//],
];

const dir = mkdtempSync(join(tmpdir(), 'safe-jobs-profile-'));
const started = performance.now();
const run = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, resolve(script), ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
const wallMs = performance.now() - started;
if (run.error) throw run.error;

const profiles = readdirSync(dir)
  .filter((name) => name.endsWith('.cpuprofile'))
  .map((name) => join(dir, name))
  .sort((a, b) => statSync(b).size - statSync(a).size);
const functions = [];
const splits = profiles.map((path) => split(JSON.parse(readFileSync(path, 'utf8')), functions));
rmSync(dir, { recursive: true, force: true });

splits.forEach((parts, index) => {
  const total = Object.values(parts).reduce((sum, ms) => sum + ms, 0);
  console.log(`\n${index === 0 ? 'largest profile (the main thread)' : `profile ${index + 1} (a worker thread)`}: ${(total / 1000).toFixed(2)} s sampled, of ${(wallMs / 1000).toFixed(2)} s wall`);
  for (const [part, ms] of Object.entries(parts).sort((a, b) => b[1] - a[1])) {
    if (ms >= 1) console.log(`  ${part.padEnd(40)} ${ms.toFixed(0).padStart(7)} ms  ${((ms / total) * 100).toFixed(1).padStart(5)} %`);
    if (!showFunctions) continue;
    const top = Object.entries(functions[index][part] ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 6);
    for (const [fn, fnMs] of top) if (fnMs >= 5) console.log(`      ${fnMs.toFixed(0).padStart(6)} ms  ${fn}`);
  }
});
console.log(JSON.stringify({ exit: run.status, wallMs: Math.round(wallMs), main: Object.fromEntries(Object.entries(splits[0] ?? {}).map(([part, ms]) => [part, Math.round(ms)])) }));

/** Sampled time by part: each sample goes to its leaf frame's nearest part, else to what the leaf is. */
function split(profile, functionsOut) {
  const byFunction = {};
  functionsOut.push(byFunction);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const partOf = new Map();
  const frameOf = new Map();
  const classify = (id) => {
    if (partOf.has(id)) return partOf.get(id);
    const leaf = byId.get(id);
    let part;
    let frame = leaf.callFrame;
    const name = leaf.callFrame.functionName;
    if (name === '(garbage collector)') part = 'garbage collection';
    else if (name === '(idle)') part = 'idle (waiting for I/O or threads)';
    else if (name === '(program)') part = 'V8 and native code';
    for (let current = id; part === undefined && current !== undefined; current = parent.get(current)) {
      const url = byId.get(current).callFrame.url;
      for (const [candidate, pattern] of PARTS) {
        if (pattern.test(url)) {
          part = candidate;
          frame = byId.get(current).callFrame;
          break;
        }
      }
    }
    part ??= /^node:|^internal\//.test(leaf.callFrame.url) ? 'node (module loading, startup)' : 'other';
    partOf.set(id, part);
    frameOf.set(id, `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${frame.lineNumber + 1}`);
    return part;
  };
  const parts = {};
  profile.samples.forEach((id, index) => {
    const part = classify(id);
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    parts[part] = (parts[part] ?? 0) + ms;
    const fns = (byFunction[part] ??= {});
    fns[frameOf.get(id)] = (fns[frameOf.get(id)] ?? 0) + ms;
  });
  return parts;
}
