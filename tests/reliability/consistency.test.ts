/**
 * The same findings from a single-threaded ESLint run, a run with worker threads
 * (`concurrency: 'auto'`, where each worker loads the plugin afresh), a second run in the
 * same process that hits every cache, and the command line.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/run.js';
import { TempRepo } from '../helpers/git-repo.js';

const root = new URL('../..', import.meta.url).pathname;
// A build of the plugin that worker threads can import; under node_modules so its dependencies resolve.
const build = join(root, 'node_modules/.cache/safe-jobs-consistency');

const BASE = 'export abstract class ApplicationJob {\n  static performLater(..._args: unknown[]) {}\n}\n';
const job = (name: string, params: string) => `import { ApplicationJob } from './application-job';\n\nexport class ${name} extends ApplicationJob {\n  perform(${params}) {}\n}\n`;

let repo: TempRepo;

beforeAll(() => {
  rmSync(build, { recursive: true, force: true });
  mkdirSync(build, { recursive: true });
  cpSync(join(root, 'package.json'), join(build, 'package.json'));
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(build, 'dist'), '--declaration', 'false', '--sourceMap', 'false'], { stdio: 'pipe' });

  repo = new TempRepo();
  const files: Record<string, string> = { 'src/jobs/application-job.ts': BASE };
  for (let i = 0; i < 40; i++) {
    files[`src/jobs/job-${i}.ts`] = job(`Job${i}`, 'id: number, name: string');
    files[`src/enqueue-${i}.ts`] = `import { Job${i} } from './jobs/job-${i}';\nJob${i}.performLater(1, 'x');\n`;
    for (let j = 0; j < 4; j++) files[`src/lib/module-${i}-${j}.ts`] = `export function f${i}_${j}(a: number) {\n  return a * ${j};\n}\n`;
  }
  repo.commit(files);
  const changes: Record<string, string | null> = {};
  for (let i = 0; i < 40; i += 4) changes[`src/jobs/job-${i}.ts`] = job(`Job${i}`, 'id: number, name: string, extra: string');
  for (let i = 1; i < 40; i += 8) changes[`src/jobs/job-${i}.ts`] = job(`Job${i}`, 'name: string, id: number');
  changes['src/jobs/job-2.ts'] = null;
  changes['src/jobs/new-job.ts'] = job('NewJob', 'id: number');
  changes['src/enqueue-2.ts'] = "import { NewJob } from './jobs/new-job';\nNewJob.performLater(1);\n";
  repo.write(changes);
  repo.write({
    'eslint.config.js': `import tsParser from ${JSON.stringify(pathToFileURL(join(root, 'node_modules/@typescript-eslint/parser/dist/index.js')).href)};
import safeJobs from ${JSON.stringify(pathToFileURL(join(build, 'dist/index.js')).href)};
export default [
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
  safeJobs.configs.recommended,
  { settings: { 'safe-jobs': { baseline: 'main' } } },
];
`,
  });
}, 120_000);

afterAll(() => {
  repo?.remove();
  rmSync(build, { recursive: true, force: true });
});

async function findings(options: ESLint.Options = {}, eslint = new ESLint({ cwd: repo.dir, ...options })): Promise<string[]> {
  const results = await eslint.lintFiles(['src']);
  return results
    .flatMap((result) => result.messages.map((m) => `${m.ruleId}@${result.filePath.slice(repo.dir.length + 1)}:${m.line}:${m.column} ${m.message}`))
    .sort();
}

describe('consistency', () => {
  it('single-threaded, with worker threads, on a second run, and from the command line', async () => {
    const eslint = new ESLint({ cwd: repo.dir });
    const single = await findings({}, eslint);
    expect(single.length).toBeGreaterThanOrEqual(16);
    expect(await findings({}, eslint)).toEqual(single);
    expect(await findings({ concurrency: 2 } as ESLint.Options)).toEqual(single);

    let out = '';
    const code = await main(['check', '--format', 'json', '--cwd', repo.dir], { write: (chunk: string) => (out += chunk) }, { write: () => true });
    expect(code).toBe(1);
    const fromCli = (JSON.parse(out) as { findings: Array<{ rule: string; file: string; line: number; column: number; message: string }> }).findings
      .map((f) => `${f.rule}@${f.file}:${f.line}:${f.column} ${f.message}`)
      .sort();
    expect(fromCli).toEqual(single);
  }, 120_000);

  it('parses in worker threads exactly what it parses in its own thread, and parses here when threads cannot start', async () => {
    const load = (module: string) => import(pathToFileURL(join(build, 'dist', module)).href);
    const pool = await load('project/parse-pool.js');
    const { parseFileFacts } = await load('adapters/parse-file.js');
    const { DEFAULT_JOB_PATTERN } = await load('adapters/job-pattern.js');
    const files: Array<[string, string]> = [['src/broken.ts', 'export class {'], ['src/view.tsx', 'export const View = () => <div />;\n']];
    for (let i = 0; files.length < pool.MIN_WORKER_FILES; i++) files.push([`src/jobs/job-${i}.ts`, job(`Job${i}`, i % 3 ? 'id: number' : 'id: number, name?: string')]);
    const here = files.map(([path, text]) => parseFileFacts(path, text, DEFAULT_JOB_PATTERN));
    expect(here[0]).toHaveProperty('error');

    const before = pool.workerOutcomes;
    expect(pool.parseFiles(files, DEFAULT_JOB_PATTERN, 2)).toEqual(here);
    expect(pool.workerOutcomes - before).toBe(files.length);

    // A pattern that cannot be copied to a thread: no worker starts, and nothing is lost.
    const uncopyable = { ...DEFAULT_JOB_PATTERN, describe: () => 'not data' };
    expect(pool.parseFiles(files, uncopyable, 2)).toEqual(here);
    expect(pool.workerOutcomes - before).toBe(files.length);
  }, 60_000);
});
