// `npm run demo`: the article's UserConfirmationJob story in a throwaway git repository.
// Version N (deployed) is committed, N+1 is in the working tree; ESLint runs with the built plugin.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import safeJobs from '../dist/index.js';

const example = join(dirname(fileURLToPath(import.meta.url)), 'user-confirmation');
const repo = mkdtempSync(join(tmpdir(), 'safe-jobs-demo-'));
const git = (...args) =>
  execFileSync('git', ['-c', 'user.name=Demo', '-c', 'user.email=demo@safe-jobs.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });

try {
  git('init', '-q', '-b', 'main');
  cpSync(join(example, 'deployed'), repo, { recursive: true });
  git('add', '-A');
  git('commit', '-q', '-m', 'Version N: UserConfirmationJob.perform(id, message)');
  cpSync(join(example, 'next'), repo, { recursive: true });
  console.log(`Version N is committed on main in ${repo}; version N+1 is in the working tree:\n`);
  console.log(git('diff', '--stat'));

  const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, safeJobs.configs.recommended];
  const eslint = new ESLint({ cwd: repo, overrideConfigFile: true, overrideConfig: config });
  const results = await eslint.lintFiles(['app']);
  const formatter = await eslint.loadFormatter('stylish');
  console.log('$ eslint app   # with safe-jobs/recommended, baseline: main');
  console.log(formatter.format(results).replaceAll(repo, '.'));

  const jobFile = join(repo, 'app/jobs/user-confirmation-job.ts');
  const before = readFileSync(jobFile, 'utf8');
  const fixer = new ESLint({ cwd: repo, overrideConfigFile: true, overrideConfig: config, fix: true });
  await ESLint.outputFixes(await fixer.lintFiles(['app']));
  const beforeFile = join(repo, '.before.ts');
  writeFileSync(beforeFile, before);
  let diff = '';
  try {
    git('diff', '--no-index', '--no-color', beforeFile, jobFile);
  } catch (error) {
    diff = error.stdout; // `git diff --no-index` exits 1 when the files differ.
  }
  rmSync(beforeFile);
  console.log('$ eslint --fix app   # writes the transitional form, step 1 of 2');
  console.log(diff.replaceAll(repo, '').replaceAll('.before.ts', 'app/jobs/user-confirmation-job.ts'));

  const after = await eslint.lintFiles(['app']);
  const remaining = after.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0);
  console.log(`$ eslint app   # after the fix: ${remaining} problem(s)\n`);

  git('add', '-A');
  git('commit', '-q', '-m', 'Version N+1: date is optional and every enqueuer passes it');
  writeFileSync(jobFile, readFileSync(jobFile, 'utf8').replace('date?: string', 'date: string'));
  const stepTwo = await eslint.lintFiles(['app']);
  const stepTwoCount = stepTwo.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0);
  console.log('Version N+1 is deployed. Version N+2 makes `date` required again (step 2 of 2):');
  console.log(`$ eslint app   # ${stepTwoCount} problem(s): every deployed enqueuer passes date, so the step is safe.`);
  process.exitCode = remaining === 0 && stepTwoCount === 0 ? 0 : 1;
} finally {
  rmSync(repo, { recursive: true, force: true });
}
