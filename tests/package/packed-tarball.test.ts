/**
 * The package as a user gets it: packed with `npm pack`, installed into a fresh project with
 * ESLint and the TypeScript parser from the registry, configured with the README's example.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../helpers/git-repo.js';

const root = new URL('../..', import.meta.url).pathname;
const INSTALL_TIMEOUT = 240_000;

let packDir: string;
let tarball: string;

beforeAll(() => {
  packDir = mkdtempSync(join(tmpdir(), 'safe-jobs-pack-'));
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: root, encoding: 'utf8' });
  tarball = join(packDir, (JSON.parse(output) as Array<{ filename: string }>)[0]!.filename);
}, INSTALL_TIMEOUT);

afterAll(() => rmSync(packDir, { recursive: true, force: true }));

/** The README's flat-config example, verbatim. */
function readmeConfig(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const match = /```js\n(\/\/ eslint\.config\.js\n[\s\S]*?)```/.exec(readme);
  if (!match) throw new Error('README.md has no eslint.config.js example');
  return match[1]!;
}

const job = (params: string) =>
  `import { ApplicationJob } from './application-job';\n\nexport class UserConfirmationJob extends ApplicationJob {\n  perform(${params}) {}\n}\n`;

function userProject(eslintVersion: string): TempRepo {
  const repo = new TempRepo();
  repo.write({ 'package.json': JSON.stringify({ name: 'user-app', private: true, type: 'module' }, null, 2) });
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, `eslint@${eslintVersion}`, '@typescript-eslint/parser@8.72.0', 'typescript@5.9.3'],
    { cwd: repo.dir, stdio: 'pipe' },
  );
  repo.write({ '.gitignore': 'node_modules/\n', 'eslint.config.js': readmeConfig() });
  repo.commit({
    'src/jobs/application-job.ts': 'export abstract class ApplicationJob {\n  static performLater(..._args: unknown[]) {}\n}\n',
    'src/jobs/user-confirmation-job.ts': job('id: number, message: string'),
    'src/signup.ts': "import { UserConfirmationJob } from './jobs/user-confirmation-job';\nUserConfirmationJob.performLater(1, 'hi');\n",
  });
  repo.write({ 'src/jobs/user-confirmation-job.ts': job('id: number, message: string, date: string') });
  return repo;
}

function npx(repo: TempRepo, args: string[]) {
  // The README's example names origin/main; this fresh repository has no remote, so CI's override names main.
  return spawnSync('npx', ['--no-install', ...args], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, SAFE_JOBS_BASELINE: 'main' } });
}

describe.each(['10', '9'])('the packed plugin with ESLint %s', (eslintVersion) => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = userProject(eslintVersion);
  }, INSTALL_TIMEOUT);
  afterAll(() => repo?.remove());

  it('reports the breaking change with `npx eslint`, and the fix makes it green', () => {
    const red = npx(repo, ['eslint', '.']);
    expect(red.status, red.stderr).toBe(1);
    expect(red.stdout).toContain("Job 'UserConfirmationJob' now requires parameter 'date'");
    expect(red.stdout).toContain('safe-jobs/no-new-required-param');
    expect(npx(repo, ['eslint', '--fix', '.']).status).toBe(0);
    expect(readFileSync(repo.path('src/jobs/user-confirmation-job.ts'), 'utf8')).toContain('date?: string');
    expect(npx(repo, ['eslint', '.']).status).toBe(0);
    writeFileSync(repo.path('src/jobs/user-confirmation-job.ts'), job('id: number, message: string, date: string'));
  });

  it('is the plugin itself for a CommonJS config (`require`), with its license, repository and dependency ranges', () => {
    writeFileSync(repo.path('probe.cjs'), "const plugin = require('eslint-plugin-safe-jobs');\nprocess.stdout.write(JSON.stringify(Object.keys(plugin.configs)));\n");
    const probe = spawnSync('node', ['probe.cjs'], { cwd: repo.dir, encoding: 'utf8' });
    expect(probe.status, probe.stderr).toBe(0);
    expect(JSON.parse(probe.stdout)).toEqual(['recommended', 'strict', 'flat/recommended', 'flat/strict', 'legacy-recommended', 'legacy-strict']);
    const packed = readFileSync(join(repo.path('node_modules/eslint-plugin-safe-jobs'), 'package.json'), 'utf8');
    // Ranges, so that the user's own typescript-eslint serves the plugin too (no second copy).
    expect(JSON.parse(packed)).toMatchObject({
      license: 'MIT',
      repository: { url: expect.stringContaining('eslint-plugin-safe-jobs') },
      dependencies: { '@typescript-eslint/typescript-estree': '^8.72.0', '@typescript-eslint/utils': '^8.72.0' },
    });
    expect(readFileSync(repo.path('node_modules/eslint-plugin-safe-jobs/LICENSE'), 'utf8')).toContain('MIT License');
  });

  it.runIf(eslintVersion === '9')('reports it through an .eslintrc file and `plugin:safe-jobs/legacy-recommended` (ESLint 9 without flat config)', () => {
    writeFileSync(repo.path('.eslintrc.json'), JSON.stringify({ root: true, parser: '@typescript-eslint/parser', extends: ['plugin:safe-jobs/legacy-recommended'] }));
    try {
      const result = spawnSync('npx', ['--no-install', 'eslint', '--ext', '.ts', 'src'], {
        cwd: repo.dir,
        encoding: 'utf8',
        env: { ...process.env, SAFE_JOBS_BASELINE: 'main', ESLINT_USE_FLAT_CONFIG: 'false' },
      });
      expect(result.status, result.stderr).toBe(1);
      expect(result.stdout).toContain('safe-jobs/no-new-required-param');
    } finally {
      rmSync(repo.path('.eslintrc.json'));
    }
  });

  it('reports it with `npx safe-jobs check`, reading the same eslint.config.js', () => {
    const result = npx(repo, ['safe-jobs', 'check', '--format', 'json']);
    expect(result.status, result.stderr).toBe(1);
    expect(JSON.parse(result.stdout).findings).toMatchObject([{ rule: 'safe-jobs/no-new-required-param', file: 'src/jobs/user-confirmation-job.ts', line: 4 }]);
  });
});
