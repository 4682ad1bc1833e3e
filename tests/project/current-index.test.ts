import { afterEach, describe, expect, it } from 'vitest';
import { getCandidatePattern } from '../../src/adapters/adapter-set.js';
import { extractFacts } from '../../src/adapters/traverse.js';
import { parse } from '@typescript-eslint/typescript-estree';
import { BUFFER_TTL_MS, CurrentIndex } from '../../src/project/current-index.js';
import { FactsCache } from '../../src/project/facts-cache.js';
import { WorkingTreeSource } from '../../src/project/working-tree-source.js';
import { readSettings, type SafeJobsSettings } from '../../src/settings.js';
import { TempRepo } from '../helpers/git-repo.js';

const job = (params: string) => `export class MailJob extends ApplicationJob {\n  perform(${params}) {}\n}\n`;

let repo: TempRepo;
afterEach(() => repo?.remove());

function index(dir: string): CurrentIndex {
  const result = readSettings({}, {});
  if ('error' in result) throw new Error(result.error);
  const { settings } = result;
  const cache = new FactsCache(settings.pattern, settings.patternKey);
  const source = new WorkingTreeSource(dir, getCandidatePattern(settings.pattern), true, cache);
  return new CurrentIndex({ root: dir, cwd: dir, isGit: true }, settings, cache, source);
}

const { pattern } = (readSettings({}, {}) as { settings: SafeJobsSettings }).settings;
const paramsOf = (current: CurrentIndex) => current.getContractSet().jobs.values().next().value!.params.map((param) => param.name);
const lint = (current: CurrentIndex, path: string, text: string, now: number) =>
  current.update(path, text, () => extractFacts(parse(text, { range: true, loc: true }), text, pattern, false), () => true, now);

/** A project whose job file on disk takes `id`, linted from an unsaved buffer that adds `locale`, at time 0. */
function withBuffer(): CurrentIndex {
  repo = new TempRepo();
  repo.commit({ 'src/mail-job.ts': job('id: number') });
  const current = index(repo.dir);
  current.refresh(undefined, 0);
  lint(current, 'src/mail-job.ts', job('id: number, locale: string'), 0);
  return current;
}

describe('unsaved editor buffers', () => {
  it('count for the project while linted, and expire once no lint has seen them for a while (closed without saving)', () => {
    const current = withBuffer();
    expect(paramsOf(current)).toEqual(['id', 'locale']);
    // Other files are linted; the buffer was seen recently: it still counts.
    current.refresh('src/other.ts', BUFFER_TTL_MS - 1);
    expect(paramsOf(current)).toEqual(['id', 'locale']);
    // Linted again (still open): it counts from then on.
    lint(current, 'src/mail-job.ts', job('id: number, locale: string'), BUFFER_TTL_MS);
    current.refresh('src/other.ts', 2 * BUFFER_TTL_MS);
    expect(paramsOf(current)).toEqual(['id', 'locale']);
    // Not seen for longer: the disk's version is back.
    current.refresh('src/other.ts', 2 * BUFFER_TTL_MS + BUFFER_TTL_MS + 1);
    expect(paramsOf(current)).toEqual(['id']);
  });

  it('never expires while it is the file being linted, and is no buffer once it matches the disk', () => {
    const current = withBuffer();
    current.refresh('src/mail-job.ts', 10 * BUFFER_TTL_MS);
    expect(paramsOf(current)).toEqual(['id', 'locale']);
    // Saved: the text is the disk's, so nothing expires and the contracts stay.
    repo.write({ 'src/mail-job.ts': job('id: number, locale: string') });
    lint(current, 'src/mail-job.ts', job('id: number, locale: string'), 10 * BUFFER_TTL_MS);
    current.refresh('src/other.ts', 100 * BUFFER_TTL_MS);
    expect(paramsOf(current)).toEqual(['id', 'locale']);
  });

  it("is no buffer when it differs from the disk only by the byte-order mark ESLint leaves out", () => {
    repo = new TempRepo();
    repo.commit({ 'src/mail-job.ts': `\uFEFF${job('id: number')}` });
    const current = index(repo.dir);
    current.refresh(undefined, 0);
    lint(current, 'src/mail-job.ts', job('id: number'), 0);
    const version = current.version;
    current.refresh('src/other.ts', 10 * BUFFER_TTL_MS);
    expect(current.version).toBe(version);
  });
});
