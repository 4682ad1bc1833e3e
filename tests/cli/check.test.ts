import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/run.js';
import { damageFactsStore } from '../helpers/damaged-store.js';
import { TempRepo } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';

const require = createRequire(import.meta.url);
// CommonJS packages with default exports: loaded the way Node loads them, typed from their declarations.
const Ajv = (require('ajv') as typeof import('ajv')).default;
const AjvDraft04 = (require('ajv-draft-04') as typeof import('ajv-draft-04')).default;
const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;

function capture(isTTY = false) {
  let text = '';
  return { isTTY, write: (chunk: string) => (text += chunk), get text() { return text; } };
}

async function run(args: string[]) {
  const out = capture();
  const err = capture();
  const code = await main(args, out, err);
  return { code, out: out.text, err: err.text };
}

const BASE = 'export abstract class ApplicationJob {\n  static performLater(..._args: unknown[]) {}\n}\n';
const job = (name: string, params: string) =>
  `import { ApplicationJob } from './application-job';\n\nexport class ${name} extends ApplicationJob {\n  perform(${params}) {}\n}\n`;
const enqueue = (name: string, file: string, args: string) => `import { ${name} } from './jobs/${file}';\n\n${name}.performLater(${args});\n`;

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

/** A deployed version with three jobs, and a change that breaks one, deletes one with its only enqueuer, and enqueues a new one. */
function breakingChange(): TempRepo {
  const repo = new TempRepo();
  repos.push(repo);
  repo.commit({
    'package.json': '{ "name": "app", "private": true }\n',
    'src/jobs/application-job.ts': BASE,
    'src/jobs/mail-job.ts': job('MailJob', 'id: number'),
    'src/jobs/cleanup-job.ts': job('CleanupJob', 'id: number'),
    'src/mail.ts': enqueue('MailJob', 'mail-job', '1'),
    'src/cleanup.ts': enqueue('CleanupJob', 'cleanup-job', '1'),
  });
  repo.write({
    'src/jobs/mail-job.ts': job('MailJob', 'id: number, locale: string'),
    'src/jobs/cleanup-job.ts': null,
    'src/cleanup.ts': null,
    'src/jobs/digest-job.ts': job('DigestJob', 'id: number'),
    'src/digest.ts': enqueue('DigestJob', 'digest-job', '1'),
  });
  return repo;
}

describe('safe-jobs check', () => {
  it('prints names from the code with their control characters visible: a wire name cannot write its own lines into a CI log', async () => {
    const repo = new TempRepo();
    repos.push(repo);
    const name = 'evil\\n::error file=x::pwned\\u001b[2J';
    repo.commit({
      'package.json': JSON.stringify({ dependencies: { agenda: '6.2.6' } }),
      'src/jobs.ts': `agenda.define('${name}', async (job: Job<{ id: number }>) => {});\n`,
      'src/send.ts': `agenda.now('${name}', { id: 1 });\n`,
    });
    repo.write({ 'src/jobs.ts': '// the job is gone\n' });
    const { code, out } = await run(['check', '--base', 'main', '--cwd', repo.dir]);
    expect(code).toBe(1);
    expect(out).toContain('evil\\u{a}::error file=x::pwned\\u{1b}[2J');
    expect(out.split('\n').some((line) => line.startsWith('::'))).toBe(false);
    expect(out).not.toContain('\u001b');
  });

  it('exits 2 with one line on an internal error (here a damaged cache entry), and prints the stack only with --debug', async () => {
    const repo = breakingChange();
    repo.write({ '.gitignore': 'node_modules/\n' });
    mkdirSync(repo.path('node_modules'));
    expect((await run(['check', '--base', 'main', '--cwd', repo.dir])).code).toBe(1);
    damageFactsStore(repo.dir);
    const plain = await run(['check', '--base', 'main', '--cwd', repo.dir]);
    expect(plain.code).toBe(2);
    expect(plain.err.trim().split('\n')).toHaveLength(1);
    expect(plain.err).toMatch(/^safe-jobs: internal error: .+\. This is a bug of eslint-plugin-safe-jobs: please report it \(run with --debug for the stack\)\.\n$/);
    const debug = await run(['check', '--base', 'main', '--cwd', repo.dir, '--debug']);
    expect(debug.code).toBe(2);
    expect(debug.err).toMatch(/\n\s+at /);
  });

  it('prints every finding grouped by job, including a deletion no linted file can carry, and exits 1', async () => {
    const repo = breakingChange();
    const { code, out } = await run(['check', '--cwd', repo.dir]);
    expect(code).toBe(1);
    expect(out).not.toContain('\u001b[');
    expect(out).toContain('CleanupJob\n  error  src/jobs/cleanup-job.ts:3:14  safe-jobs/no-deleted-enqueued-job (old payload → new worker)');
    expect(out).toContain('DigestJob\n  warn   src/digest.ts:3:1  safe-jobs/no-premature-enqueue (new payload → old worker)');
    expect(out).toContain("MailJob\n  error  src/jobs/mail-job.ts:4:23  safe-jobs/no-new-required-param (old payload → new worker)\n         Job 'MailJob' now requires parameter 'locale'");
    expect(out).toMatch(/2 error\(s\), 1 warning\(s\) against main at [0-9a-f]{7}\.\n$/);
    // ESLint cannot carry the deletion: its job file and its only enqueuer are gone, and no other file fits.
    const eslint = await lintFiles(repo.dir);
    expect(eslint.map((m) => m.rule)).not.toContain('safe-jobs/no-deleted-enqueued-job');
  });

  it('honours eslint-disable comments as ESLint does: the acknowledgement the messages advise keeps CI green', async () => {
    const repo = breakingChange();
    repo.write({
      'src/jobs/mail-job.ts': job('MailJob', 'id: number, locale: string').replace('  perform(', '  // eslint-disable-next-line safe-jobs/no-new-required-param -- every enqueuer sends locale since v1.4\n  perform('),
      // A directive for another rule leaves the finding.
      'src/digest.ts': enqueue('DigestJob', 'digest-job', '1').replace('performLater(1);', 'performLater(1); // eslint-disable-line safe-jobs/no-unknown-job'),
    });
    const { code, out } = await run(['check', '--cwd', repo.dir]);
    expect(out).not.toContain('MailJob');
    expect(out).toContain('DigestJob\n  warn   src/digest.ts:3:1  safe-jobs/no-premature-enqueue');
    expect(out).toMatch(/1 error\(s\), 1 warning\(s\) against main at [0-9a-f]{7}\. 1 finding\(s\) acknowledged by eslint-disable comments \(--show-suppressed lists them\)\.\n$/);
    expect(code).toBe(1);

    // On request, the acknowledged finding is listed with the comment's reason, and never counted.
    const shown = await run(['check', '--cwd', repo.dir, '--show-suppressed']);
    expect(shown.code).toBe(1);
    expect(shown.out).toContain('Acknowledged by eslint-disable comments\n  off    src/jobs/mail-job.ts:5:');
    expect(shown.out).toContain('safe-jobs/no-new-required-param -- every enqueuer sends locale since v1.4');
    const json = JSON.parse((await run(['check', '--cwd', repo.dir, '--show-suppressed', '--format', 'json'])).out);
    expect(json.summary).toEqual({ errors: 1, warnings: 1 });
    expect(json.suppressed.map((finding: { rule: string; justification: string }) => [finding.rule, finding.justification])).toEqual([['safe-jobs/no-new-required-param', 'every enqueuer sends locale since v1.4']]);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(new URL('../../docs/check-output.schema.json', import.meta.url), 'utf8')));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(JSON.parse((await run(['check', '--cwd', repo.dir, '--format', 'json'])).out)).not.toHaveProperty('suppressed');
    // SARIF carries it always, as a result suppressed in source: code scanning shows it as dismissed.
    const sarif = JSON.parse((await run(['check', '--cwd', repo.dir, '--format', 'sarif'])).out);
    const results = sarif.runs[0].results as Array<{ ruleId: string; suppressions?: unknown }>;
    expect(results.filter((result) => result.suppressions).map((result) => [result.ruleId, result.suppressions])).toEqual([
      ['safe-jobs/no-new-required-param', [{ kind: 'inSource', justification: 'every enqueuer sends locale since v1.4' }]],
    ]);
    expect(results.filter((result) => !result.suppressions)).toHaveLength(2);
    repo.write({ 'src/digest.ts': `/* eslint-disable safe-jobs/no-premature-enqueue */\n${enqueue('DigestJob', 'digest-job', '1')}` });
    expect((await run(['check', '--cwd', repo.dir])).out).not.toContain('DigestJob');
  });

  it('agrees with the ESLint rules on every finding that a linted file carries', async () => {
    const repo = breakingChange();
    const json = JSON.parse((await run(['check', '--format', 'json', '--cwd', repo.dir])).out);
    const fromCli = json.findings
      .filter((f: { file: string }) => f.file !== 'src/jobs/cleanup-job.ts')
      .map((f: { rule: string; file: string; line: number; column: number; message: string }) => `${f.rule}@${f.file}:${f.line}:${f.column} ${f.message}`);
    const fromESLint = (await lintFiles(repo.dir)).map((m) => `${m.rule}@${m.file}:${m.line}:${m.column} ${m.message}`);
    expect(fromCli.sort()).toEqual(fromESLint.sort());
  });

  it('writes JSON that follows its documented schema', async () => {
    const repo = breakingChange();
    const { code, out } = await run(['check', '--format', 'json', '--cwd', repo.dir]);
    expect(code).toBe(1);
    const report = JSON.parse(out);
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../docs/check-output.schema.json', import.meta.url), 'utf8')));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report).toMatchObject({ version: 1, summary: { errors: 2, warnings: 1 } });
    expect(report.findings.map((f: { messageId: string }) => f.messageId)).toEqual(['deletedJob', 'prematureEnqueue', 'newRequiredParam']);
  });

  it('writes SARIF 2.1.0 that validates against the official schema', async () => {
    const repo = breakingChange();
    const { out } = await run(['check', '--format', 'sarif', '--cwd', repo.dir]);
    const sarif = JSON.parse(out);
    // The official schema's patterns predate the `u` flag.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.runs[0].results).toHaveLength(3);
    expect(sarif.runs[0].results[2]).toMatchObject({
      ruleId: 'safe-jobs/no-new-required-param',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'src/jobs/mail-job.ts' }, region: { startLine: 4, startColumn: 23 } } }],
    });
  });

  it('writes GitHub workflow annotations', async () => {
    const repo = breakingChange();
    const lines = (await run(['check', '--format', 'github', '--cwd', repo.dir])).out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^::warning file=src\/digest\.ts,line=3,col=1,endLine=3,endColumn=\d+,title=safe-jobs\/no-premature-enqueue::This enqueues job 'DigestJob'/);
    expect(lines[2]).toMatch(/^::error file=src\/jobs\/mail-job\.ts,line=4,col=23,/);
  });

  it('exits 0 with no finding, and with warnings only', async () => {
    const repo = breakingChange();
    repo.write({ 'src/jobs/mail-job.ts': job('MailJob', 'id: number, locale?: string'), 'src/jobs/cleanup-job.ts': job('CleanupJob', 'id: number') });
    const warnings = await run(['check', '--cwd', repo.dir]);
    expect(warnings.code).toBe(0);
    expect(warnings.out).toContain('0 error(s), 1 warning(s)');
    repo.write({ 'src/digest.ts': null });
    const clean = await run(['check', '--cwd', repo.dir]);
    expect(clean).toMatchObject({ code: 0 });
    expect(clean.out).toMatch(/^No incompatible job changes against main at [0-9a-f]{7}\.\n$/);
  });

  it('says that nothing was compared when it finds no job, and points to doctor, beside the machine formats too', async () => {
    const repo = new TempRepo();
    repos.push(repo);
    repo.commit({ 'package.json': '{ "name": "app", "private": true }\n', 'src/index.ts': 'export const answer = 42;\n' });
    const text = await run(['check', '--cwd', repo.dir]);
    expect(text).toMatchObject({ code: 0, err: '' });
    expect(text.out).toMatch(/^No jobs were found in this project, so nothing was compared\. If it has background jobs, run `safe-jobs doctor`/);
    const json = await run(['check', '--format', 'json', '--cwd', repo.dir]);
    expect(JSON.parse(json.out)).toMatchObject({ findings: [] });
    expect(json.err).toMatch(/^safe-jobs: No jobs were found in this project/);
  });

  it('reads settings from eslint.config.js', async () => {
    const repo = breakingChange();
    repo.write({ 'eslint.config.js': "export default [{ settings: { 'safe-jobs': { retiredJobs: ['CleanupJob'] } } }];\n" });
    const { out } = await run(['check', '--format', 'json', '--cwd', repo.dir]);
    expect(JSON.parse(out).findings.map((f: { job: string }) => f.job)).toEqual(['DigestJob', 'MailJob']);
  });

  it('reports each finding at the level the ESLint config gives its rule in its file, files: scopes included', async () => {
    const repo = breakingChange();
    repo.write({
      'eslint.config.js': [
        'const rule = { create: () => ({}) };',
        "const plugin = { rules: { 'no-new-required-param': rule, 'no-premature-enqueue': rule } };",
        'export default [',
        "  { files: ['**/*.ts'], plugins: { 'safe-jobs': plugin }, rules: { 'safe-jobs/no-new-required-param': 'error', 'safe-jobs/no-premature-enqueue': 'warn' } },",
        "  { files: ['src/jobs/**/*.ts'], rules: { 'safe-jobs/no-new-required-param': 'warn' } },",
        "  { files: ['src/digest.ts'], rules: { 'safe-jobs/no-premature-enqueue': 'off' } },",
        '];',
        '',
      ].join('\n'),
    });
    const { code, out } = await run(['check', '--cwd', repo.dir]);
    expect(out).toContain('MailJob\n  warn   src/jobs/mail-job.ts:4:23  safe-jobs/no-new-required-param');
    expect(out).not.toContain('DigestJob');
    // A rule the file's config does not name keeps the project-wide level: the deletion stays an error.
    expect(out).toMatch(/1 error\(s\), 1 warning\(s\) against main at [0-9a-f]{7}\.\n$/);
    expect(code).toBe(1);
  });

  it('says on stderr when eslint.config.js cannot be loaded (a checkout without its dependencies), and runs on package.json\'s settings', async () => {
    const repo = breakingChange();
    repo.write({ 'eslint.config.js': "import config from '@acme/eslint-config';\nexport default config;\n" });
    const result = await run(['check', '--cwd', repo.dir]);
    expect(result.code).toBe(1);
    expect(result.out).toContain("Job 'MailJob' now requires parameter 'locale'");
    expect(result.err).toMatch(/^safe-jobs: .*eslint\.config\.js could not be loaded \(Cannot find package '@acme\/eslint-config'.*\), so its settings and rule levels are not used: this check runs with `package.json`'s "safe-jobs" settings, else the defaults, and the levels of configs.recommended\.\n$/);
  });

  it('reads settings from package.json without an ESLint config', async () => {
    const repo = breakingChange();
    repo.write({ 'package.json': '{ "name": "app", "safe-jobs": { "retiredJobs": ["CleanupJob"] } }\n' });
    const { out } = await run(['check', '--format', 'json', '--cwd', repo.dir]);
    expect(JSON.parse(out).findings.map((f: { job: string }) => f.job)).toEqual(['DigestJob', 'MailJob']);
  });

  it('compares with --base and --snapshot', async () => {
    const repo = breakingChange();
    repo.git('tag', 'deployed');
    expect((await run(['check', '--base', 'deployed', '--cwd', repo.dir])).code).toBe(1);
    expect((await run(['snapshot', '--ref', 'deployed', '-o', 'deployed.json', '--cwd', repo.dir])).code).toBe(0);
    const fromSnapshot = await run(['check', '--snapshot', 'deployed.json', '--format', 'json', '--cwd', repo.dir]);
    expect(JSON.parse(fromSnapshot.out).baseline).toBe('snapshot deployed.json (deployed at ' + repo.git('rev-parse', '--short=7', 'HEAD').trim() + ')');
    expect(JSON.parse(fromSnapshot.out).summary).toEqual({ errors: 2, warnings: 1 });
  });

  it('exits 2 with one clear message on usage and baseline problems', async () => {
    const repo = breakingChange();
    const unknown = await run(['check', '--base', 'origin/release', '--cwd', repo.dir]);
    expect(unknown).toMatchObject({ code: 2, out: '' });
    expect(unknown.err).toContain("safe-jobs: the baseline revision 'origin/release' does not exist in this clone.");
    expect(await run(['check', '--format', 'xml', '--cwd', repo.dir])).toMatchObject({ code: 2, err: expect.stringContaining("unknown format 'xml'") });
    expect(await run(['check', '--base', 'a', '--snapshot', 'b.json'])).toMatchObject({ code: 2 });
    expect(await run(['check', '--bogus'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown option --bogus.') });
  });

  it('colours the text output only on a terminal, and honours NO_COLOR', async () => {
    const repo = breakingChange();
    const tty = capture(true);
    await main(['check', '--cwd', repo.dir], tty, capture());
    expect(tty.text).toContain('\u001b[31merror\u001b[0m');
    process.env.NO_COLOR = '1';
    try {
      const plain = capture(true);
      await main(['check', '--cwd', repo.dir], plain, capture());
      expect(plain.text).not.toContain('\u001b[');
    } finally {
      delete process.env.NO_COLOR;
    }
  });
});

describe('safe-jobs list', () => {
  it('prints each job with its queue, signature and enqueue sites', async () => {
    const repo = breakingChange();
    const { code, out } = await run(['list', '--cwd', repo.dir]);
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'DigestJob  queue: (default)  src/jobs/digest-job.ts:3',
        '  perform(id: number)',
        '  enqueued at src/digest.ts:3 (performLater, 1 argument(s))',
        'MailJob  queue: (default)  src/jobs/mail-job.ts:3',
        '  perform(id: number, locale: string)',
        '  enqueued at src/mail.ts:3 (performLater, 1 argument(s))',
        '',
      ].join('\n'),
    );
  });
});

describe('declaration files and declare class', () => {
  it('are read alike by ESLint and safe-jobs check: a .d.ts adds no job, a declare class is no job', async () => {
    const repo = new TempRepo();
    repos.push(repo);
    repo.commit({
      'package.json': '{ "name": "app", "private": true }\n',
      'src/jobs/application-job.ts': BASE,
      'src/types.d.ts': "import { ApplicationJob } from './jobs/application-job';\nexport declare class GhostJob extends ApplicationJob {\n  perform(id: number): void;\n}\n",
      'src/ambient.ts': "import { ApplicationJob } from './jobs/application-job';\ndeclare class AmbientJob extends ApplicationJob {\n  perform(id: number): void;\n}\nAmbientJob.performLater(1);\n",
      'src/send.ts': "import { GhostJob } from './types';\nGhostJob.performLater(1);\n",
    });
    repo.write({
      'src/types.d.ts': "import { ApplicationJob } from './jobs/application-job';\nexport declare class GhostJob extends ApplicationJob {\n  perform(id: number, to: string): void;\n}\n",
      'src/ambient.ts': "import { ApplicationJob } from './jobs/application-job';\ndeclare class AmbientJob extends ApplicationJob {\n  perform(id: number, to: string): void;\n}\nAmbientJob.performLater(1);\n",
    });
    const messages = await lintFiles(repo.dir, ['.'], { settings: { baseline: 'main' } });
    const check = await run(['check', '--base', 'main', '--format', 'json', '--cwd', repo.dir]);
    const findings = (JSON.parse(check.out) as { findings: Array<{ file: string; rule: string }> }).findings;
    expect(messages.map((m) => [m.file, m.rule])).toEqual([]);
    expect(findings).toEqual([]);
  });
});

describe('the command line as a tool', () => {
  it('prints its version, its usage for a bare command, and names an unknown option or a missing value in its own words', async () => {
    const { version } = require('../../package.json') as { version: string };
    expect(await run(['--version'])).toEqual({ code: 0, out: `${version}\n`, err: '' });
    const bare = await run([]);
    expect(bare.code).toBe(0);
    expect(bare.out).toMatch(/^Usage:\n {2}safe-jobs check/);
    const unknown = await run(['check', '--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^safe-jobs: unknown option --frobnicate\.\n\nUsage:/);
    const missing = await run(['check', '--base']);
    expect(missing.err).toMatch(/^safe-jobs: option --base takes a value\./);
  });

  it('lists the jobs as JSON for scripts, and refuses list formats it does not print', async () => {
    const repo = breakingChange();
    const listed = await run(['list', '--format', 'json', '--cwd', repo.dir]);
    expect(listed.code).toBe(0);
    const { jobs } = JSON.parse(listed.out) as { jobs: Array<{ wireName: string; members: Array<{ name: string }>; sites: Array<{ file: string }> }> };
    expect(jobs.map((job) => job.wireName)).toEqual(['DigestJob', 'MailJob']);
    expect(jobs[1]).toMatchObject({ members: [{ name: 'id' }, { name: 'locale' }], sites: [{ file: 'src/mail.ts' }] });
    expect((await run(['list', '--format', 'sarif', '--cwd', repo.dir])).err).toBe('safe-jobs: list prints text or json, not sarif.\n');
  });

  it('writes a snapshot into a folder that does not exist yet', async () => {
    const repo = breakingChange();
    expect((await run(['snapshot', '-o', '.safe-jobs/deployed.json', '--cwd', repo.dir])).code).toBe(0);
    expect(JSON.parse(readFileSync(repo.path('.safe-jobs/deployed.json'), 'utf8'))).toMatchObject({ format: 'eslint-plugin-safe-jobs/snapshot' });
  });

  it('colors the text report where FORCE_COLOR asks, without a terminal', async () => {
    const repo = breakingChange();
    vi.stubEnv('FORCE_COLOR', '1');
    try {
      expect((await run(['check', '--base', 'main', '--cwd', repo.dir])).out).toContain('\u001b[31merror');
    } finally {
      vi.unstubAllEnvs();
    }
    expect((await run(['check', '--base', 'main', '--cwd', repo.dir])).out).not.toContain('\u001b[');
  });

  it('names a mistyped setting and the one it likely meant', async () => {
    const repo = breakingChange();
    repo.write({ 'package.json': JSON.stringify({ name: 'app', private: true, 'safe-jobs': { baselin: 'main' } }) });
    const { code, err } = await run(['check', '--cwd', repo.dir]);
    expect(code).toBe(2);
    expect(err).toContain("settings['safe-jobs'].baselin is not a setting; did you mean baseline?");
  });
});
