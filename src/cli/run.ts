import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GitError } from '../baseline/git.js';
import { readSettings } from '../settings.js';
import { createSnapshot, UsageError } from './snapshot.js';

const USAGE = `Usage: safe-jobs snapshot [--ref REV] [-o FILE] [--cwd DIR]

  snapshot   Write the job contracts of a revision (--ref) or of the working tree
             as JSON, for use as the plugin's \`baseline\` setting.

Options:
  --ref REV      git revision to read (default: the working tree)
  -o, --output   file to write (default: standard output)
  --cwd DIR      project folder (default: the current folder)
  -h, --help     show this help

Job detection settings are read from the "safe-jobs" key of package.json in the project folder.`;

export interface Output {
  write(text: string): unknown;
}

/** Exit codes: 0 done, 2 usage or baseline problem. */
export function main(argv: string[], stdout: Output = process.stdout, stderr: Output = process.stderr): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ref: { type: 'string' },
        output: { type: 'string', short: 'o' },
        cwd: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    stderr.write(`safe-jobs: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals[0] !== 'snapshot' || positionals.length > 1) {
    stderr.write(`safe-jobs: unknown command ${JSON.stringify(positionals.join(' '))}\n\n${USAGE}\n`);
    return 2;
  }
  const cwd = resolve(values.cwd ?? process.cwd());
  const settings = readSettings({ 'safe-jobs': readPackageSettings(cwd) });
  if ('error' in settings) {
    stderr.write(`safe-jobs: ${settings.error.replace("settings['safe-jobs']", 'package.json "safe-jobs"')}\n`);
    return 2;
  }
  try {
    const json = createSnapshot(cwd, settings.settings, values.ref);
    if (values.output) writeFileSync(resolve(cwd, values.output), json);
    else stdout.write(json);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof GitError) {
      stderr.write(`safe-jobs: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function readPackageSettings(cwd: string): unknown {
  try {
    return (JSON.parse(readFileSync(resolve(cwd, 'package.json'), 'utf8')) as Record<string, unknown>)['safe-jobs'];
  } catch {
    return undefined;
  }
}
