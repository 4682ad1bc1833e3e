import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GitError } from '../git/git.js';
import { readSettings, splitList } from '../settings.js';
import { BaselineProblem, runCheck, runList, runListJson } from './check.js';
import { runDoctor } from '../doctor/doctor.js';
import { getFileRuleLevels, loadCliConfig } from './config.js';
import { formatDoctorText } from './doctor-text.js';
import { splitDisabledFindings } from './disable-directives.js';
import type { ReportedFinding } from './report.js';
import { type Format, FORMATS, formatReport, formatUnreadable, NO_JOBS } from './formats.js';
import { countBySeverity } from './report.js';
import { createSnapshot, UsageError } from './snapshot.js';

const USAGE = `Usage:
  safe-jobs check [--base REV[,REV...] | --snapshot FILE] [--format text|json|sarif|github] [--show-suppressed] [--cwd DIR]
  safe-jobs list [--format text|json] [--cwd DIR]
  safe-jobs snapshot [--ref REV] [-o FILE] [--cwd DIR]
  safe-jobs doctor [--format text|json] [--cwd DIR]

Commands:
  check      Compare the project's job contracts with the baseline and print every finding,
             including those no linted file can carry.
  list       Print every job the plugin detects: wire name, queue, signature, enqueue sites.
  snapshot   Write the job contracts of a revision (--ref) or of the working tree as JSON,
             for use as the \`baseline\` setting.
  doctor     Print what each adapter found, the job-like code none claims, and a settings block
             that would claim it.

Options:
  --base REV       baseline revision, or several separated by commas (default: settings,
                   SAFE_JOBS_BASELINE, then origin/HEAD, origin/main...)
  --snapshot FILE  baseline snapshot file
  --format F       text (default), json, sarif or github; list and doctor: text or json
  --ref REV        (snapshot) git revision to read; default: the working tree
  -o, --output F   (snapshot) file to write; default: standard output
  --cwd DIR        project folder (default: the current folder)
  --show-suppressed  (check) also print the findings eslint-disable comments acknowledge
                   (SARIF always carries them, as suppressed results)
  --debug          with an internal error, print its stack
  -h, --help       show this help
  --version        print the version

Settings come from settings['safe-jobs'] of eslint.config.* (as ESLint resolves it), else
from a "safe-jobs" key in package.json.

Exit codes: 0 no error-level finding, 1 error-level findings, 2 usage or baseline problem, or an internal error.`;

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export async function main(argv: string[], stdout: Output = process.stdout, stderr: Output = process.stderr): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        base: { type: 'string' },
        snapshot: { type: 'string' },
        format: { type: 'string', default: 'text' },
        ref: { type: 'string' },
        output: { type: 'string', short: 'o' },
        cwd: { type: 'string' },
        debug: { type: 'boolean' },
        'show-suppressed': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    return fail(stderr, `${getArgumentProblem(error as Error)}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    stdout.write(`${version}\n`);
    return 0;
  }
  // A bare `safe-jobs` asks what it can do.
  if (values.help || positionals.length === 0) {
    stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (!command || !['check', 'list', 'snapshot', 'doctor'].includes(command) || rest.length > 0) {
    return fail(stderr, `unknown command ${JSON.stringify(positionals.join(' '))}\n\n${USAGE}`);
  }
  if (!FORMATS.includes(values.format as Format)) return fail(stderr, `unknown format '${values.format}': use ${FORMATS.join(', ')}.`);
  if (values.base !== undefined && values.snapshot !== undefined) return fail(stderr, '--base and --snapshot name two baselines: give one.');

  const cwd = resolve(values.cwd ?? process.cwd());
  const config = await loadCliConfig(cwd);
  if (config.warning) stderr.write(`safe-jobs: ${config.warning}\n`);
  const raw = { ...(config.settings as Record<string, unknown> | undefined) };
  const baseline = values.base ?? values.snapshot;
  // Like SAFE_JOBS_BASELINE, `--base v1.3,v1.4` names several deployed versions.
  if (baseline !== undefined) raw.baseline = values.base !== undefined && baseline.includes(',') ? splitList(baseline) : baseline;
  const result = readSettings({ 'safe-jobs': raw }, baseline !== undefined ? {} : process.env);
  if ('error' in result) return fail(stderr, result.error);
  try {
    switch (command) {
      case 'snapshot': {
        const json = createSnapshot(cwd, result.settings, values.ref);
        if (values.output) {
          const output = resolve(cwd, values.output);
          mkdirSync(dirname(output), { recursive: true });
          writeFileSync(output, json);
        } else stdout.write(json);
        return 0;
      }
      case 'doctor': {
        if (values.format !== 'text' && values.format !== 'json') return fail(stderr, `doctor prints text or json, not ${values.format}.`);
        const report = runDoctor(cwd, result.settings);
        stdout.write(values.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorText(report));
        return 0;
      }
      case 'list':
        if (values.format !== 'text' && values.format !== 'json') return fail(stderr, `list prints text or json, not ${values.format}.`);
        stdout.write(values.format === 'json' ? runListJson(cwd, result.settings) : runList(cwd, result.settings));
        return 0;
      default: {
        const report = runCheck(cwd, result.settings, config);
        if (report.root && config.source === 'eslint.config') report.findings = await atFileLevels(report.findings, cwd, report.root);
        if (report.root) {
          const { kept, suppressed } = await splitDisabledFindings(report.findings, report.root);
          report.findings = kept;
          if (suppressed.length > 0) report.suppressed = suppressed;
        }
        const color = values.format === 'text' && isColorWanted(stdout);
        stdout.write(formatReport(report, values.format as Format, { color, version, showSuppressed: values['show-suppressed'] === true }));
        // Machine formats keep their schema: the notice that nothing was compared goes beside them.
        if (report.jobCount === 0 && values.format !== 'text') stderr.write(`safe-jobs: ${NO_JOBS}\n`);
        if (report.unreadableInBaseline) stderr.write(formatUnreadable(report.unreadableInBaseline, report.baseline));
        return countBySeverity(report.findings).errors > 0 ? 1 : 0;
      }
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof GitError || error instanceof BaselineProblem) return fail(stderr, error.message);
    // Exit 2, never 1: 1 means findings. The stack only on request: it is for a bug report.
    const detail = values.debug && error instanceof Error && error.stack ? `\n${error.stack}` : ' (run with --debug for the stack)';
    return fail(stderr, `internal error: ${(error as Error).message}. This is a bug of eslint-plugin-safe-jobs: please report it${detail}.`);
  }
}

/** Findings at the level the ESLint config gives their rule in their file (a `files:`-scoped level, `off` there). */
async function atFileLevels(findings: ReportedFinding[], cwd: string, root: string): Promise<ReportedFinding[]> {
  const levels = await getFileRuleLevels(cwd, root, [...new Set(findings.map((finding) => finding.file))]);
  return findings.flatMap((finding) => {
    const level = levels.get(finding.file)?.[finding.rule.replace(/^safe-jobs\//, '')];
    if (level === undefined) return [finding];
    return level === 'off' ? [] : [{ ...finding, severity: level }];
  });
}

/**
 * Colors as Node's own tools decide: FORCE_COLOR (other than 0 or false) turns them on even
 * without a terminal (CI logs that render them), else NO_COLOR turns them off, else a terminal.
 */
function isColorWanted(stdout: Output): boolean {
  const forced = process.env.FORCE_COLOR;
  if (forced !== undefined && forced !== '') return forced !== '0' && forced.toLowerCase() !== 'false';
  return stdout.isTTY === true && !process.env.NO_COLOR;
}

/** parseArgs' message, in the words of this command line: `unknown option --foo`. */
function getArgumentProblem(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  const option = /'(-[^']*)'/.exec(error.message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return `option ${option.split(' ')[0]} takes a value.`;
  return error.message;
}

function fail(stderr: Output, message: string): number {
  stderr.write(`safe-jobs: ${message}\n`);
  return 2;
}

