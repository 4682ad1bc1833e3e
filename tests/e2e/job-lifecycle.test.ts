import { afterEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';

const BASE = 'export abstract class ApplicationJob {\n  static queue = "default";\n  static performLater(..._args: unknown[]) {}\n}\n';
const job = (name: string, extra = '') =>
  `import { ApplicationJob } from './application-job';\n\nexport class ${name} extends ApplicationJob {\n${extra}  perform(id: number) {}\n}\n`;
const enqueuer = (name: string, file: string) =>
  `import { ${name} } from './jobs/${file}';\n\nexport function run() {\n  return ${name}.performLater(1);\n}\n`;
const plain = 'export function run() {\n  return 1;\n}\n';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

function deploy(files: Record<string, string | null>): TempRepo {
  const repo = new TempRepo();
  repos.push(repo);
  repo.commit({ 'src/jobs/application-job.ts': BASE, ...files });
  return repo;
}

const summary = (messages: Awaited<ReturnType<typeof lintFiles>>) => messages.map((m) => `${m.rule}@${m.file}:${m.line}`);

describe('no-deleted-enqueued-job', () => {
  it('reports a job deleted with its enqueuer in one change at the former enqueuer', async () => {
    const repo = deploy({ 'src/jobs/cleanup-job.ts': job('CleanupJob'), 'src/cron.ts': `// nightly\n${enqueuer('CleanupJob', 'cleanup-job')}` });
    repo.write({ 'src/jobs/cleanup-job.ts': null, 'src/cron.ts': plain });
    const messages = await lintFiles(repo.dir, ['.'], { settings: { baseline: 'main' } });
    expect(summary(messages)).toEqual(['safe-jobs/no-deleted-enqueued-job@src/cron.ts:1']);
    expect(messages[0]!.message).toContain("Job 'CleanupJob' is deleted, but the deployed version (main at");
    expect(messages[0]!.message).toContain('without its enqueue calls (src/cron.ts:5)');
    expect(messages[0]!.message).toContain('is deployed and its queue has drained');
  });

  it('reports a deleted job at each enqueue site that still names it', async () => {
    const repo = deploy({ 'src/jobs/cleanup-job.ts': job('CleanupJob'), 'src/cron.ts': enqueuer('CleanupJob', 'cleanup-job') });
    repo.write({ 'src/jobs/cleanup-job.ts': null });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-deleted-enqueued-job@src/cron.ts:4']);
  });

  it('is silent when the deployed version no longer enqueued the job', async () => {
    const repo = deploy({ 'src/jobs/cleanup-job.ts': job('CleanupJob'), 'src/cron.ts': enqueuer('CleanupJob', 'cleanup-job') });
    repo.commit({ 'src/cron.ts': plain }, 'step 1: stop enqueuing');
    repo.write({ 'src/jobs/cleanup-job.ts': null });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('is silent for a job kept under its wire name by an alias', async () => {
    const repo = deploy({ 'src/jobs/cleanup-job.ts': job('CleanupJob'), 'src/cron.ts': enqueuer('CleanupJob', 'cleanup-job') });
    repo.write({
      'src/jobs/cleanup-job.ts': `${job('PurgeJob')}\n/** @deprecated Renamed to PurgeJob. */\nexport class CleanupJob extends PurgeJob {}\n`,
    });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('is silent for a job listed in retiredJobs', async () => {
    const repo = deploy({ 'src/jobs/cleanup-job.ts': job('CleanupJob'), 'src/cron.ts': enqueuer('CleanupJob', 'cleanup-job') });
    repo.write({ 'src/jobs/cleanup-job.ts': null, 'src/cron.ts': plain });
    expect(await lintFiles(repo.dir, ['.'], { settings: { retiredJobs: ['CleanupJob'] } })).toEqual([]);
  });

  it("reports in the job's former file when it remains, and leaves the rest to safe-jobs check", async () => {
    const jobs = (names: string[]) => names.map((name) => job(name).split('\n').slice(2).join('\n')).join('\n');
    const registry = `import { ApplicationJob } from './application-job';\n\n${jobs(['CleanupJob', 'ReportJob'])}`;
    const repo = deploy({ 'src/jobs/registry.ts': registry, 'src/cron.ts': enqueuer('CleanupJob', 'registry') });
    repo.write({ 'src/jobs/registry.ts': registry.replace(/export class CleanupJob[^}]*}\n}\n/, ''), 'src/cron.ts': null });
    expect(summary(await lintFiles(repo.dir))).toEqual(['safe-jobs/no-deleted-enqueued-job@src/jobs/registry.ts:1']);

    const gone = deploy({ 'src/jobs/cleanup-job.ts': job('CleanupJob'), 'src/jobs/report-job.ts': job('ReportJob'), 'src/cron.ts': enqueuer('CleanupJob', 'cleanup-job') });
    gone.write({ 'src/jobs/cleanup-job.ts': null, 'src/cron.ts': null });
    expect(await lintFiles(gone.dir)).toEqual([]);
  });
});

describe('no-premature-enqueue', () => {
  it('warns on an enqueue call of a job added in the same change', async () => {
    const repo = deploy({ 'src/jobs/report-job.ts': job('ReportJob'), 'src/cron.ts': plain });
    repo.write({ 'src/jobs/digest-job.ts': job('DigestJob'), 'src/cron.ts': enqueuer('DigestJob', 'digest-job') });
    const messages = await lintFiles(repo.dir);
    expect(messages).toMatchObject([{ rule: 'safe-jobs/no-premature-enqueue', file: 'src/cron.ts', line: 4, severity: 1 }]);
    expect(messages[0]!.message).toContain("This enqueues job 'DigestJob', which old workers (");
    expect(await lintFiles(repo.dir, ['.'], { config: 'strict' })).toMatchObject([{ rule: 'safe-jobs/no-premature-enqueue', severity: 2 }]);
  });

  it('is silent without deployed workers, once the job is deployed, and for a job on a queue the deployed workers never read', async () => {
    const fresh = deploy({ 'src/cron.ts': plain });
    fresh.write({ 'src/jobs/digest-job.ts': job('DigestJob'), 'src/cron.ts': enqueuer('DigestJob', 'digest-job') });
    expect(await lintFiles(fresh.dir)).toEqual([]);

    const repo = deploy({ 'src/jobs/digest-job.ts': job('DigestJob'), 'src/cron.ts': plain });
    repo.write({ 'src/cron.ts': enqueuer('DigestJob', 'digest-job') });
    expect(await lintFiles(repo.dir)).toEqual([]);
    repo.write({
      'src/jobs/export-job.ts': job('ExportJob', "  static queue = 'exports';\n"),
      'src/export.ts': enqueuer('ExportJob', 'export-job'),
    });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });
});
