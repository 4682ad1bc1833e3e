// What module resolution costs in a load of both versions of a real project.
//   npm run build && node bench/resolution-cost.mjs <project folder> [baseline revision, default main]
// Loads the working tree and the baseline through the plugin's engine (as a first lint does,
// without the facts cache) and times every call of the module resolver. Prints one JSON line:
// the load in ms, the time spent resolving modules in ms and as a share of the load, the number
// of resolutions asked (and how many the per-version cache answered), and the jobs found.
import { join } from 'node:path';

const [project, revision = 'main'] = process.argv.slice(2);
if (!project) throw new Error('usage: node bench/resolution-cost.mjs <project folder> [baseline revision]');
process.env.SAFE_JOBS_CACHE = 'off';

const { ModuleResolver } = await import('../dist/resolve/module-resolver.js');
const { getEngine } = await import('../dist/engine/engine.js');
const { readSettings } = await import('../dist/settings.js');

let resolveMs = 0;
let asked = 0;
let computed = 0;
let depth = 0;
const { resolve } = ModuleResolver.prototype;
const proto = /** @type {any} */ (ModuleResolver.prototype);
const { resolveUncached } = proto;
proto.resolve = function timedResolve(...args) {
  asked++;
  depth++;
  const started = depth === 1 ? performance.now() : 0;
  try {
    return resolve.apply(this, args);
  } finally {
    if (depth === 1) resolveMs += performance.now() - started;
    depth--;
  }
};
proto.resolveUncached = function countedResolve(...args) {
  computed++;
  return resolveUncached.apply(this, args);
};

const result = readSettings({ 'safe-jobs': { baseline: revision } });
if ('error' in result) throw new Error(result.error);
const started = performance.now();
const analysis = getEngine(join(project, 'package.json'), project, result.settings).analyzeProject();
const loadMs = performance.now() - started;
if ('problem' in analysis) console.error(`baseline: ${analysis.problem}`);

console.log(
  JSON.stringify({
    loadMs: Math.round(loadMs),
    resolveMs: Math.round(resolveMs),
    resolveShare: `${((100 * resolveMs) / loadMs).toFixed(1)} %`,
    resolutions: asked,
    computed,
    jobs: analysis.current.jobs.size,
    sites: analysis.current.sites.length,
  }),
);
