#!/usr/bin/env node
/**
 * Accuracy on real applications, per application: runs an evaluation runner (one that prints
 * `ok|MISS <id> (<category>, expected flag|no-flag, flagged|silent)` per case, such as the
 * development set's run-real.mjs) with the recipes of bench/real-configs, and prints recall and
 * false flags per application and overall. Run `npm run build` first.
 *
 *   node bench/real-apps.mjs --runner <run-real.mjs> --mirrors <dir> [--configs bench/real-configs] [other runner options]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Our options; every other argument goes to the runner as it is. */
const own = { '--runner': undefined, '--mirrors': undefined, '--configs': undefined };
const passed = [];
const args = process.argv.slice(2);
for (let index = 0; index < args.length; index++) {
  if (args[index] in own) own[args[index]] = args[++index];
  else passed.push(args[index]);
}
const values = { runner: own['--runner'], mirrors: own['--mirrors'], configs: own['--configs'] };
if (typeof values.runner !== 'string' || typeof values.mirrors !== 'string') {
  process.stderr.write('usage: node bench/real-apps.mjs --runner <run-real.mjs> --mirrors <dir> [--configs DIR] [runner options]\n');
  process.exit(2);
}
const configs = typeof values.configs === 'string' ? values.configs : fileURLToPath(new URL('./real-configs', import.meta.url));
const run = spawnSync(process.execPath, [values.runner, '--mirrors', values.mirrors, '--configs', configs, ...passed], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (run.status !== 0 && !run.stdout) {
  process.stderr.write(run.stderr);
  process.exit(run.status ?? 2);
}

/** Per application: breaking cases found, breaking cases, safe cases flagged, safe cases, misses. */
const apps = new Map();
for (const line of run.stdout.split('\n')) {
  const match = /^(ok|MISS) +(\S+) \(([^,]+), expected (flag|no-flag), (flagged|silent)\)/.exec(line);
  if (!match) continue;
  const [, verdict, id, category, expected] = match;
  const app = id.split('-')[0];
  const entry = apps.get(app) ?? { found: 0, breaking: 0, falseFlags: 0, safe: 0, misses: [] };
  apps.set(app, entry);
  if (expected === 'flag') {
    entry.breaking++;
    if (verdict === 'ok') entry.found++;
  } else {
    entry.safe++;
    if (verdict !== 'ok') entry.falseFlags++;
  }
  if (verdict !== 'ok') entry.misses.push(`${id} (${category})`);
}

const rows = [['app', 'recall', 'false flags'], ...[...apps].map(([app, entry]) => [app, `${entry.found}/${entry.breaking}`, `${entry.falseFlags}/${entry.safe}`])];
const total = [...apps.values()].reduce((sum, entry) => ({ found: sum.found + entry.found, breaking: sum.breaking + entry.breaking, falseFlags: sum.falseFlags + entry.falseFlags, safe: sum.safe + entry.safe }), { found: 0, breaking: 0, falseFlags: 0, safe: 0 });
rows.push(['all', `${total.found}/${total.breaking} (${total.breaking ? Math.round((100 * total.found) / total.breaking) : 0} %)`, `${total.falseFlags}/${total.safe}`]);
const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
for (const row of rows) process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column])).join('  ')}\n`);
for (const [app, entry] of apps) for (const miss of entry.misses) process.stdout.write(`miss ${app}: ${miss}\n`);
const summary = run.stdout.split('\n').find((line) => line.startsWith('real:'));
if (summary) process.stdout.write(`${summary}\n`);
