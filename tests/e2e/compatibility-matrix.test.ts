import { afterEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';

const BASE = 'export abstract class ApplicationJob {\n  static performLater(..._args: unknown[]) {}\n}\n';

const job = (handler: string, extra = '') =>
  `import { ApplicationJob } from './application-job';\n${extra}export class ReportJob extends ApplicationJob {\n  perform(${handler}) {}\n}\n`;
const enqueuer = (args: string) => `import { ReportJob } from './report-job';\n\nexport const run = () => ReportJob.performLater(${args});\n`;

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

function deploy(files: Record<string, string>): TempRepo {
  const repo = new TempRepo();
  repos.push(repo);
  repo.commit({ 'src/application-job.ts': BASE, ...files });
  return repo;
}

async function rulesAfter(repo: TempRepo, files: Record<string, string>): Promise<string[]> {
  repo.write(files);
  return (await lintFiles(repo.dir)).map((message) => `${message.rule}@${message.file}:${message.line}`);
}

describe('the compatibility matrix against a git baseline', () => {
  it('reports reordered parameters on each moved parameter', async () => {
    const repo = deploy({ 'src/report-job.ts': job('id: number, format: string'), 'src/app.ts': enqueuer("1, 'pdf'") });
    expect(await rulesAfter(repo, { 'src/report-job.ts': job('format: string, id: number') })).toEqual([
      'safe-jobs/no-incompatible-param-change@src/report-job.ts:3',
      'safe-jobs/no-incompatible-param-change@src/report-job.ts:3',
    ]);
  });

  it('reports a removed required parameter, and allows removing a trailing optional one', async () => {
    const repo = deploy({ 'src/report-job.ts': job('id: number, format: string, locale?: string'), 'src/app.ts': enqueuer("1, 'pdf'") });
    expect(await rulesAfter(repo, { 'src/report-job.ts': job('id: number, format: string') })).toEqual([]);
    expect(await rulesAfter(repo, { 'src/report-job.ts': job('id: number') })).toEqual(['safe-jobs/no-incompatible-param-change@src/report-job.ts:2']);
  });

  it('allows a parameter renamed in place', async () => {
    const repo = deploy({ 'src/report-job.ts': job('id: number, format: string'), 'src/app.ts': enqueuer("1, 'pdf'") });
    expect(await rulesAfter(repo, { 'src/report-job.ts': job('reportId: number, format: string') })).toEqual([]);
  });

  it('reports a narrowed type and allows a widened one', async () => {
    const repo = deploy({ 'src/report-job.ts': job("id: number, format: 'pdf' | 'csv'"), 'src/app.ts': enqueuer("1, 'pdf'") });
    expect(await rulesAfter(repo, { 'src/report-job.ts': job("id: number, format: 'pdf' | 'csv' | 'xlsx'") })).toEqual([]);
    expect(await rulesAfter(repo, { 'src/report-job.ts': job("id: number, format: 'pdf'") })).toEqual([
      'safe-jobs/no-incompatible-param-change@src/report-job.ts:3',
    ]);
  });

  it('reports a renamed payload field on the new field', async () => {
    const payload = (fields: string) => `interface ReportPayload {\n  id: number;\n${fields}}\n`;
    const repo = deploy({ 'src/report-job.ts': job('payload: ReportPayload', payload('  format: string;\n')), 'src/app.ts': enqueuer("{ id: 1, format: 'pdf' }") });
    const messages = await rulesAfter(repo, { 'src/report-job.ts': job('payload: ReportPayload', payload('  fileType: string;\n')) });
    expect(messages).toEqual(['safe-jobs/no-incompatible-param-change@src/report-job.ts:4', 'safe-jobs/no-new-required-param@src/report-job.ts:4']);
  });

  it('reports a queue change while deployed code enqueues the job', async () => {
    const queued = (queue: string) => job('id: number').replace('{\n  perform', `{\n  static queue = '${queue}';\n  perform`);
    const repo = deploy({ 'src/report-job.ts': queued('reports'), 'src/app.ts': enqueuer('1') });
    const messages = await lintFiles(repo.dir, ['.'], {});
    expect(messages).toEqual([]);
    repo.write({ 'src/report-job.ts': queued('bulk') });
    const changed = await lintFiles(repo.dir);
    expect(changed).toMatchObject([{ rule: 'safe-jobs/no-queue-change', file: 'src/report-job.ts', line: 2 }]);
    expect(changed[0]!.message).toContain("moves from queue 'reports' to 'bulk'");
  });

  it('stays silent at each step of a field removal done in two deploys', async () => {
    const payload = (fields: string) => `interface ReportPayload {\n  id: number;\n${fields}}\n`;
    const repo = deploy({ 'src/report-job.ts': job('payload: ReportPayload', payload('  format: string;\n')), 'src/app.ts': enqueuer("{ id: 1, format: 'pdf' }") });
    // Step 1: the field becomes optional and is no longer read; enqueuers still send it.
    expect(await rulesAfter(repo, { 'src/report-job.ts': job('payload: ReportPayload', payload('  format?: string;\n')) })).toEqual([]);
    repo.commit({}, 'step 1 deployed');
    // Step 2: the field goes, and enqueuers stop sending it.
    expect(await rulesAfter(repo, { 'src/report-job.ts': job('payload: ReportPayload', payload('')), 'src/app.ts': enqueuer('{ id: 1 }') })).toEqual([]);
  });

  it('reports a JavaScript enqueue site that passes too few arguments, with no baseline needed', async () => {
    const repo = new TempRepo({ git: false });
    repos.push(repo);
    repo.write({
      'lib/report-job.js': 'export class ReportJob extends ApplicationJob {\n  perform(id, format) {}\n}\n',
      'lib/app.js': "import { ReportJob } from './report-job.js';\nReportJob.performLater(1);\n",
    });
    const messages = await lintFiles(repo.dir);
    expect(messages.map((message) => `${message.rule}@${message.file}:${message.line}`)).toEqual([
      'safe-jobs/require-baseline@lib/app.js:1',
      'safe-jobs/enqueue-args-match@lib/app.js:2',
      'safe-jobs/require-baseline@lib/report-job.js:1',
    ]);
  });
});
