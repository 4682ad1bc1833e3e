import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/run.js';
import { TempRepo } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';

function capture() {
  let text = '';
  return { write: (chunk: string) => (text += chunk), get text() { return text; } };
}

const job = (params: string) =>
  `class ApplicationJob {}\nexport class ReportJob extends ApplicationJob {\n  perform(${params}) {}\n}\nReportJob.performLater(1);\n`;

let repo: TempRepo;
afterEach(() => repo?.remove());

describe('safe-jobs snapshot', () => {
  it('writes the contracts of a revision, which then serves as the baseline', async () => {
    repo = new TempRepo();
    repo.commit({ 'src/report-job.ts': job('id: number') });
    repo.git('tag', 'v1');
    repo.commit({ 'src/report-job.ts': job('id: number, format?: string') });
    const out = capture();
    const err = capture();
    expect(await main(['snapshot', '--ref', 'v1', '-o', 'deployed.json', '--cwd', repo.dir], out, err)).toBe(0);
    expect(err.text).toBe('');
    const snapshot = JSON.parse(readFileSync(repo.path('deployed.json'), 'utf8'));
    expect(snapshot).toMatchObject({
      format: 'eslint-plugin-safe-jobs/snapshot',
      version: 1,
      source: { revision: 'v1' },
      jobs: [{ wireName: 'ReportJob', style: 'positional', params: [{ name: 'id', optionality: 'required', type: 'number' }] }],
      sites: [{ wireName: 'ReportJob', args: { count: 1 }, location: { file: 'src/report-job.ts' } }],
    });
    repo.write({ 'src/report-job.ts': job('id: number, format: string') });
    const messages = await lintFiles(repo.dir, ['src'], { settings: { baseline: 'deployed.json' } });
    expect(messages).toMatchObject([{ rule: 'safe-jobs/no-new-required-param', line: 3 }]);
    expect(messages[0]!.message).toContain('queued by snapshot deployed.json (v1 at ');
  });

  it('prints the working tree contracts to standard output without --ref', async () => {
    repo = new TempRepo();
    repo.write({ 'src/report-job.ts': job('id: number') });
    const out = capture();
    expect(await main(['snapshot', '--cwd', repo.dir], out, capture())).toBe(0);
    expect(JSON.parse(out.text).jobs).toHaveLength(1);
  });

  it('refuses a revision that would be a git option, with exit code 2', async () => {
    repo = new TempRepo();
    const err = capture();
    expect(await main(['snapshot', '--ref=--output=/tmp/evil', '--cwd', repo.dir], capture(), err)).toBe(2);
    expect(err.text).toContain('was refused');
  });

  it('explains an unknown revision and an unknown command', async () => {
    repo = new TempRepo();
    repo.commit({});
    const err = capture();
    expect(await main(['snapshot', '--ref', 'nope', '--cwd', repo.dir], capture(), err)).toBe(2);
    expect(err.text).toContain("the revision 'nope' does not exist in this clone");
    const usage = capture();
    expect(await main(['frobnicate'], capture(), usage)).toBe(2);
    expect(usage.text).toContain('safe-jobs snapshot [--ref REV]');
  });
});
