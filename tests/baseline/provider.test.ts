import { afterEach, describe, expect, it } from 'vitest';
import { BaselineProvider } from '../../src/baseline/provider.js';
import { FactsCache } from '../../src/project/facts-cache.js';
import { readSettings } from '../../src/settings.js';
import { TempRepo } from '../helpers/git-repo.js';
import { jobsByName } from '../helpers/contracts.js';

let repo: TempRepo;
afterEach(() => repo?.remove());

function provider(dir: string, baseline?: string): BaselineProvider {
  const result = readSettings({ 'safe-jobs': baseline ? { baseline } : {} }, {});
  if ('error' in result) throw new Error(result.error);
  const { settings } = result;
  return new BaselineProvider({ root: dir, cwd: dir, isGit: true }, settings, new FactsCache(settings.pattern, settings.patternKey));
}

describe('the git baseline', () => {
  it('is cached per commit and follows the revision as soon as it moves', () => {
    repo = new TempRepo();
    repo.commit({ 'a.ts': 'export class AJob extends BaseJob { perform() {} }\n' });
    const baseline = provider(repo.dir, 'main');
    const first = baseline.get(0);
    expect('baselines' in first && [...jobsByName(first.baselines[0]!.set).keys()]).toEqual(['AJob']);
    expect(baseline.get(1000)).toBe(first);
    repo.commit({ 'b.ts': 'export class BJob extends BaseJob { perform() {} }\n' });
    const moved = baseline.get(2000);
    expect('baselines' in moved && [...jobsByName(moved.baselines[0]!.set).keys()].sort()).toEqual(['AJob', 'BJob']);
  });

  it('reads only the files that can hold jobs, following imports for base classes and payload types', () => {
    repo = new TempRepo();
    repo.commit({
      'src/root.ts': 'export class Root extends ApplicationJob {}\n',
      // Neither base.ts nor payload.ts passes the text prefilter: they are read because job.ts imports them.
      'src/base.ts': "import { Root } from './root';\nexport class Base extends Root {}\n",
      'src/payload.ts': 'export interface P { id: number }\n',
      'src/job.ts': "import { Base } from './base';\nimport type { P } from './payload';\nexport class Mail extends Base { perform(p: P) {} }\n",
      'src/unrelated.ts': 'export const x = 1;\n',
      'node_modules/lib/index.ts': 'export class LibJob extends ApplicationJob { perform() {} }\n',
    });
    const result = provider(repo.dir, 'HEAD').get();
    expect('baselines' in result && jobsByName(result.baselines[0]!.set).get('Mail')).toMatchObject({ style: 'payload', fields: [{ name: 'id', file: 'src/payload.ts' }] });
    expect('baselines' in result && [...jobsByName(result.baselines[0]!.set).keys()]).toEqual(['Mail']);
  });
});

describe('several baselines', () => {
  const job = (name: string) => `export class ${name} extends BaseJob { perform() {} }\n`;

  function providerOf(dir: string, baseline: unknown): BaselineProvider {
    const result = readSettings({ 'safe-jobs': { baseline } }, {});
    if ('error' in result) throw new Error(result.error);
    const { settings } = result;
    return new BaselineProvider({ root: dir, cwd: dir, isGit: true }, settings, new FactsCache(settings.pattern, settings.patternKey));
  }
  const labels = (result: ReturnType<BaselineProvider['get']>) => ('baselines' in result ? result.baselines.map((baseline) => baseline.label.replace(/[0-9a-f]{7}/, 'SHA')) : result.problem);

  it('reads each listed revision once, in the order listed', () => {
    repo = new TempRepo();
    repo.commit({ 'a.ts': job('AJob') });
    repo.git('tag', 'v1');
    repo.commit({ 'b.ts': job('BJob') });
    repo.git('tag', 'v2');
    const result = providerOf(repo.dir, ['v2', 'v1', 'v2']).get();
    expect(labels(result)).toEqual(['v2 at SHA', 'v1 at SHA']);
    expect('baselines' in result && result.baselines.map((baseline) => [...jobsByName(baseline.set).keys()].sort())).toEqual([['AJob', 'BJob'], ['AJob']]);
  });

  it('fails them all when one cannot be read, naming it', () => {
    repo = new TempRepo();
    repo.commit({ 'a.ts': job('AJob') });
    repo.git('tag', 'v1');
    expect(labels(providerOf(repo.dir, ['v1', 'v0']).get())).toMatch(/^baseline "v0": the baseline revision 'v0' does not exist in this clone/);
  });

  it('selects deploy tags by date, and says when none matches', () => {
    repo = new TempRepo();
    const day = 86_400_000;
    repo.commit({ 'a.ts': job('AJob') });
    repo.tag('deploy-1', new Date(Date.now() - 30 * day));
    repo.commit({ 'b.ts': job('BJob') });
    repo.tag('deploy-2', new Date(Date.now() - 10 * day));
    repo.commit({ 'c.ts': job('CJob') });
    repo.tag('deploy-3', new Date(Date.now() - 2 * day));
    repo.git('tag', 'other');
    expect(labels(providerOf(repo.dir, { tags: 'deploy-*', days: 7 }).get())).toEqual(['deploy-3 at SHA', 'deploy-2 at SHA']);
    expect(labels(providerOf(repo.dir, { tags: 'deploy-*', days: 14 }).get())).toEqual(['deploy-3 at SHA', 'deploy-2 at SHA', 'deploy-1 at SHA']);
    expect(labels(providerOf(repo.dir, { tags: 'release-*', last: 2 }).get())).toMatch(/^no tag matches "release-\*" in this clone/);
    expect(labels(providerOf(repo.dir, { tags: '--output=x', last: 2 }).get())).toMatch(/^the tag pattern "--output=x" was refused/);
  });
});

describe('a remote-tracking baseline in a long-lived process', () => {
  it('is looked up again when its ref moves without a fetch (a push updates origin/main)', () => {
    repo = new TempRepo();
    const first = repo.commit({ 'a.ts': 'export class AJob extends BaseJob { perform() {} }\n' });
    repo.git('remote', 'add', 'origin', 'https://git.invalid/app.git');
    repo.git('update-ref', 'refs/remotes/origin/main', first);
    const baseline = provider(repo.dir, 'origin/main');
    const before = baseline.get(0);
    expect('baselines' in before && before.baselines[0]!.label).toBe(`origin/main at ${first.slice(0, 7)}`);
    // A commit made elsewhere and pushed: only refs/remotes/origin changes, not HEAD, the index or FETCH_HEAD.
    const pushed = repo.git('commit-tree', `${first}^{tree}`, '-p', first, '-m', 'pushed').trim();
    repo.git('update-ref', 'refs/remotes/origin/main', pushed);
    const after = baseline.get(1_500, false);
    expect('baselines' in after && after.baselines[0]!.label).toBe(`origin/main (merge-base ${first.slice(0, 7)})`);
  });
});
