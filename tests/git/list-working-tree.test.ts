import { afterEach, describe, expect, it } from 'vitest';
import { listWorkingTree } from '../../src/git/git.js';
import { TempRepo } from '../helpers/git-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

describe('listWorkingTree', () => {
  it("names each indexed file's blob where the disk holds it unchanged, and lists the untracked files that are not ignored", () => {
    repo = new TempRepo();
    repo.commit({ '.gitignore': 'ignored.ts\n', 'src/clean.ts': 'a\n', 'src/edited.ts': 'b\n', 'src/gone.ts': 'c\n', 'src/with\ttab.ts': 'd\n', 'node_modules/x/index.js': 'e\n' });
    repo.write({ 'src/edited.ts': 'b2\n', 'src/gone.ts': null, 'src/new file.ts': 'f\n', 'ignored.ts': 'g\n', 'node_modules/y.js': 'h\n' });
    const { indexed, untracked } = listWorkingTree(repo.dir);
    expect(Object.fromEntries(indexed)).toEqual({
      '.gitignore': repo.git('rev-parse', 'HEAD:.gitignore').trim(),
      'src/clean.ts': repo.git('rev-parse', 'HEAD:src/clean.ts').trim(),
      'src/edited.ts': undefined,
      'src/gone.ts': undefined,
      'src/with\ttab.ts': repo.git('rev-parse', 'HEAD:src/with\ttab.ts').trim(),
    });
    expect(untracked).toEqual(['src/new file.ts']);
  });

  it('gives no blob for a file in a merge conflict', () => {
    repo = new TempRepo();
    repo.commit({ 'src/job.ts': 'base\n' });
    repo.git('checkout', '-q', '-b', 'other');
    repo.commit({ 'src/job.ts': 'other\n' });
    repo.git('checkout', '-q', 'main');
    repo.commit({ 'src/job.ts': 'main\n' });
    expect(() => repo!.git('merge', '-q', 'other')).toThrow();
    const { indexed } = listWorkingTree(repo.dir);
    expect([...indexed]).toEqual([['src/job.ts', undefined]]);
  });
});
