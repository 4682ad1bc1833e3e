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
    expect('baseline' in first && [...jobsByName(first.baseline.set).keys()]).toEqual(['AJob']);
    expect(baseline.get(1000)).toBe(first);
    repo.commit({ 'b.ts': 'export class BJob extends BaseJob { perform() {} }\n' });
    const moved = baseline.get(2000);
    expect('baseline' in moved && [...jobsByName(moved.baseline.set).keys()].sort()).toEqual(['AJob', 'BJob']);
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
    expect('baseline' in result && jobsByName(result.baseline.set).get('Mail')).toMatchObject({ style: 'payload', fields: [{ name: 'id', file: 'src/payload.ts' }] });
    expect('baseline' in result && [...jobsByName(result.baseline.set).keys()]).toEqual(['Mail']);
  });
});
