/**
 * One size policy for both versions: a file over 1 MiB is never read whole nor parsed, on disk
 * or in git, and its jobs are unknown in both versions rather than absent from one of them.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { readSettings } from '../../src/settings.js';
import { TempRepo } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

const APPLICATION_JOB = 'export class ApplicationJob {\n  static performLater(..._args: unknown[]) {}\n}\n';
/** A job file padded past 1 MiB, as generated code is. */
const bigJob = (params: string) => `import { ApplicationJob } from './application-job';\n\nexport class BigJob extends ApplicationJob {\n  perform(${params}) {}\n}\n${`// ${'x'.repeat(1000)}\n`.repeat(1200)}`;
const ENQUEUE = "import { BigJob } from './jobs/big-job';\n\nBigJob.performLater(1);\n";
const SMALL = "import { ApplicationJob } from './application-job';\n\nexport class MailJob extends ApplicationJob {\n  perform(id: number) {}\n}\n";

describe('files over 1 MiB', () => {
  it('a large job file with a safe change is reported neither as deleted nor as unknown, and the other jobs are still checked', async () => {
    const repo = new TempRepo();
    repos.push(repo);
    repo.commit({ 'src/jobs/application-job.ts': APPLICATION_JOB, 'src/jobs/big-job.ts': bigJob('id: number'), 'src/jobs/mail-job.ts': SMALL, 'src/send.ts': ENQUEUE });
    repo.write({ 'src/jobs/big-job.ts': `${bigJob('id: number')}// a safe change\n`, 'src/jobs/mail-job.ts': SMALL.replace('id: number', 'id: number, to: string') });
    const messages = await lintFiles(repo.dir, ['.'], { settings: { baseline: 'main' } });
    expect(messages.map((m) => [m.file, m.rule])).toEqual([
      ['src/jobs/big-job.ts', 'safe-jobs/require-baseline'],
      ['src/jobs/mail-job.ts', 'safe-jobs/no-new-required-param'],
    ]);
  });

  it('a linted file over 1 MiB is not read either: ESLint has parsed it, but the plugin keeps nothing of it', () => {
    const repo = new TempRepo();
    repos.push(repo);
    repo.commit({ 'src/jobs/application-job.ts': APPLICATION_JOB, 'src/jobs/mail-job.ts': SMALL, 'src/send.ts': ENQUEUE });
    // Multi-byte text under 1 MiB in characters and over it in bytes counts as over.
    repo.write({ 'src/jobs/big-job.ts': `${bigJob('id: number')}`.replace(/x{1000}/g, 'é'.repeat(500)) });
    const text = readFileSync(repo.path('src/jobs/big-job.ts'), 'utf8');
    expect(text.length).toBeLessThan(1024 * 1024);
    expect(Buffer.byteLength(text)).toBeGreaterThan(1024 * 1024);
    const result = readSettings({ 'safe-jobs': { baseline: 'main' } }, {});
    if ('error' in result) throw new Error(result.error);
    const engine = new Engine({ root: repo.dir, cwd: repo.dir, isGit: true }, result.settings);
    const report = engine.lintFile(repo.path('src/jobs/big-job.ts'), text, () => {
      throw new Error('the facts of a file over the size limit are never extracted');
    });
    expect(report).toMatchObject({ findings: [] });
    expect(report.problem).toBeUndefined();
  });
});
