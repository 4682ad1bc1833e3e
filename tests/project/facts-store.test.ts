import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_JOB_PATTERN } from '../../src/adapters/job-pattern.js';
import type { FileFacts } from '../../src/model/facts.js';
import { Engine } from '../../src/engine/engine.js';
import { GitTreeSource } from '../../src/baseline/git-source.js';
import { FactsCache } from '../../src/project/facts-cache.js';
import { CACHE_FOLDER, FactsStore, STORE_FORMAT } from '../../src/project/facts-store.js';
import { readSettings } from '../../src/settings.js';
import { TempRepo } from '../helpers/git-repo.js';

const BASE = 'export class ApplicationJob {}\n';
const job = (params: string) => `import { ApplicationJob } from './application-job';\n\nexport class MailJob extends ApplicationJob {\n  perform(${params}) {}\n}\n`;
const ENQUEUE = "import { MailJob } from './mail-job';\nexport const send = () => MailJob.performLater(1);\n";
const UTIL = 'export const twice = (n: number) => n * 2;\n';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
  vi.unstubAllEnvs();
});

/** A deployed app with a node_modules folder, and the job given a new required parameter in the working tree. */
function changedApp(): TempRepo {
  const repo = new TempRepo();
  repos.push(repo);
  repo.write({ '.gitignore': 'node_modules/\n' });
  repo.commit({ 'src/application-job.ts': BASE, 'src/mail-job.ts': job('id: number'), 'src/send.ts': ENQUEUE, 'src/util.ts': UTIL });
  mkdirSync(repo.path('node_modules'));
  repo.write({ 'src/mail-job.ts': job('id: number, to: string') });
  return repo;
}

const settings = () => {
  const result = readSettings({ 'safe-jobs': { baseline: 'main' } }, {});
  if ('error' in result) throw new Error(result.error);
  return result.settings;
};

/** A fresh engine, as a new ESLint process (or worker thread) would make: no memory of earlier runs. */
function lintInNewProcess(repo: TempRepo, file: string): string[] {
  const engine = new Engine({ root: repo.dir, cwd: repo.dir, isGit: true }, settings());
  const path = repo.path(file);
  const report = engine.lintFile(path, readFileSync(path, 'utf8'), () => {
    throw new Error('facts of the linted file come from the cache or a parse in these tests');
  });
  return report.findings.map((finding) => `${finding.rule}@${finding.span.start.line}`);
}

/** The cache folder's files but the blobs and the contracts of either version (tested apart below and in kept-project.test.ts). */
const storeFiles = (repo: TempRepo) => readdirSync(repo.path(CACHE_FOLDER)).filter((name) => !/^(contracts|worktree|blobs)-/.test(name));
const contractFiles = (repo: TempRepo) => readdirSync(repo.path(CACHE_FOLDER)).filter((name) => name.startsWith('contracts-'));
const readCacheFile = (repo: TempRepo, prefix: string) => {
  const name = readdirSync(repo.path(CACHE_FOLDER)).find((file) => file.startsWith(prefix));
  return name === undefined ? {} : JSON.parse(readFileSync(join(repo.path(CACHE_FOLDER), name), 'utf8'));
};

function readStore(repo: TempRepo): { entries: Record<string, unknown>; nonCandidates: string[] } {
  return { entries: readCacheFile(repo, 'facts-').entries, nonCandidates: readCacheFile(repo, 'blobs-').nonCandidates };
}

/** Without the working tree's contracts of the last process, the next one reads the facts store (kept-project.ts). */
function forgetWorktree(repo: TempRepo): void {
  for (const name of readdirSync(repo.path(CACHE_FOLDER))) if (name.startsWith('worktree-')) rmSync(join(repo.path(CACHE_FOLDER), name));
}

describe('the facts store', () => {
  it('keeps the facts of the project in node_modules/.cache, and a new process finds the same', () => {
    const repo = changedApp();
    const first = lintInNewProcess(repo, 'src/mail-job.ts');
    expect(first).toEqual(['no-new-required-param@4']);
    const [file, ...others] = storeFiles(repo);
    expect(others).toEqual([]);
    const stored = JSON.parse(readFileSync(join(repo.path(CACHE_FOLDER), file!), 'utf8')) as { entries: Record<string, unknown> };
    // Both versions of the job, the base class and the enqueuing file: each content once.
    expect(Object.keys(stored.entries)).toHaveLength(4);
    const written = statSync(join(repo.path(CACHE_FOLDER), file!)).mtimeMs;
    expect(lintInNewProcess(repo, 'src/mail-job.ts')).toEqual(first);
    // Nothing was parsed this time, so there was nothing new to write.
    expect(statSync(join(repo.path(CACHE_FOLDER), file!)).mtimeMs).toBe(written);
    expect(repo.git('status', '--porcelain')).toBe(' M src/mail-job.ts\n');
  });

  it('remembers the blobs of git\'s index that hold no job, and reads a file again once it changed on disk', () => {
    const repo = changedApp();
    lintInNewProcess(repo, 'src/mail-job.ts');
    const blob = (path: string) => repo.git('rev-parse', `HEAD:${path}`).trim();
    const { nonCandidates } = readStore(repo);
    expect(nonCandidates).toContain(blob('src/util.ts'));
    // Files that hold jobs or enqueue them are read every time; so is a file that differs from git's index.
    expect(nonCandidates).not.toContain(blob('src/send.ts'));
    expect(nonCandidates).not.toContain(blob('src/mail-job.ts'));

    repo.write({ 'src/util.ts': "import { MailJob } from './mail-job';\nexport const later = () => MailJob.performLater(1, 'a@b.c');\n" });
    const engine = new Engine({ root: repo.dir, cwd: repo.dir, isGit: true }, settings());
    const sites = engine.analyzeProject().current.sites.map((site) => site.location.file);
    expect(sites.sort()).toEqual(['src/send.ts', 'src/util.ts']);
  });

  it('answers a content it holds without parsing it again', () => {
    const repo = changedApp();
    const key = new FactsCache(DEFAULT_JOB_PATTERN, 'key').getKey('src/a.ts', 'text');
    // Facts no parse of 'text' could give: they can only come from the store.
    const marked: FileFacts = { classes: [], imports: {}, exportAliases: {}, types: [{ name: 'FromTheStore', fields: [], isExported: false }], enqueues: [] };
    new FactsStore(repo.dir, 'key').write(new Map([[key, marked]]));
    const outcome = new FactsCache(DEFAULT_JOB_PATTERN, 'key', FactsStore.open(repo.dir, 'key')).parse(key, 'src/a.ts', 'text');
    expect(outcome).toEqual({ facts: marked });
  });

  it.each([
    ['is not JSON', '{"format": 1, "entries": {'],
    ['is of another format', '{"format": 99, "entries": []}'],
    ['holds facts of the previous shape', '{"format": 1, "entries": {}}'],
    ['is empty', ''],
  ])('a store file that %s is ignored and written anew', (_, content) => {
    const repo = changedApp();
    lintInNewProcess(repo, 'src/mail-job.ts');
    const [file] = storeFiles(repo);
    writeFileSync(join(repo.path(CACHE_FOLDER), file!), content);
    forgetWorktree(repo);
    expect(lintInNewProcess(repo, 'src/mail-job.ts')).toEqual(['no-new-required-param@4']);
    expect(JSON.parse(readFileSync(join(repo.path(CACHE_FOLDER), file!), 'utf8')).format).toBe(STORE_FORMAT);
  });

  it.each([
    ['the cache folder', CACHE_FOLDER],
    ['node_modules/.cache', 'node_modules/.cache'],
  ])('is not used when %s is a symbolic link, and never writes or removes a file through it', (_, linked) => {
    const repo = changedApp();
    // Another folder of the user's, with an old file the stale-entry cleanup would remove if it ran there.
    const elsewhere = mkdtempSync(join(tmpdir(), 'safe-jobs-elsewhere-'));
    const precious = join(elsewhere, 'id_ed25519');
    writeFileSync(precious, 'key');
    const old = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000);
    utimesSync(precious, old, old);
    mkdirSync(join(repo.path(linked), '..'), { recursive: true });
    symlinkSync(elsewhere, repo.path(linked));
    const warning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      expect(lintInNewProcess(repo, 'src/mail-job.ts')).toEqual(['no-new-required-param@4']);
      expect(FactsStore.open(repo.dir, 'key')).toBeUndefined();
      expect(readdirSync(elsewhere)).toEqual(['id_ed25519']);
      expect(String(warning.mock.calls[0]?.[0])).toContain('is a symbolic link; the facts cache is off');
    } finally {
      warning.mockRestore();
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('removes only its own old files: not files of other names, not files named like its own that are not, not links', () => {
    const repo = changedApp();
    lintInNewProcess(repo, 'src/mail-job.ts');
    const folder = repo.path(CACHE_FOLDER);
    const [own] = storeFiles(repo);
    const target = join(mkdtempSync(join(tmpdir(), 'safe-jobs-target-')), 'notes.txt');
    writeFileSync(target, 'mine');
    const planted = {
      'notes.txt': 'not the cache',
      'facts-0123456789abcdef.json': 'named like a store, but not one',
      'facts-fedcba9876543210.json': '{"format":1,"entries":{}}',
      'facts-0123456789abcdef.json.00000000-0000-0000-0000-000000000000.tmp': '{"format":2,"entr',
    };
    for (const [name, content] of Object.entries(planted)) writeFileSync(join(folder, name), content);
    symlinkSync(target, join(folder, 'facts-aaaaaaaaaaaaaaaa.json'));
    const old = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000);
    for (const name of [...Object.keys(planted), own!]) utimesSync(join(folder, name), old, old);
    // A content not seen before: the store is written again, and the cleanup runs.
    repo.write({ 'src/send.ts': `${ENQUEUE}export const again = () => MailJob.performLater(2);\n` });
    lintInNewProcess(repo, 'src/mail-job.ts');
    expect(storeFiles(repo).sort()).toEqual([own!, 'facts-0123456789abcdef.json', 'facts-aaaaaaaaaaaaaaaa.json', 'notes.txt'].sort());
    expect(readFileSync(target, 'utf8')).toBe('mine');
  });

  it('drops an entry of another shape instead of handing it to the analysis, and parses that file again', () => {
    const repo = changedApp();
    lintInNewProcess(repo, 'src/mail-job.ts');
    const [file] = storeFiles(repo);
    const path = join(repo.path(CACHE_FOLDER), file!);
    const store = JSON.parse(readFileSync(path, 'utf8')) as { entries: Record<string, unknown> };
    for (const key of Object.keys(store.entries)) store.entries[key] = {};
    writeFileSync(path, JSON.stringify(store));
    forgetWorktree(repo);
    expect(lintInNewProcess(repo, 'src/mail-job.ts')).toEqual(['no-new-required-param@4']);
    expect(Object.values(readStore(repo).entries).every((facts) => Array.isArray((facts as FileFacts).classes))).toBe(true);
  });

  it('leaves no temporary file behind when a write fails', () => {
    const repo = changedApp();
    lintInNewProcess(repo, 'src/mail-job.ts');
    const [file] = storeFiles(repo);
    // The store's path taken by a folder: the rename fails.
    rmSync(join(repo.path(CACHE_FOLDER), file!));
    mkdirSync(join(repo.path(CACHE_FOLDER), file!, 'inside'), { recursive: true });
    forgetWorktree(repo);
    expect(lintInNewProcess(repo, 'src/mail-job.ts')).toEqual(['no-new-required-param@4']);
    expect(storeFiles(repo)).toEqual([file]);
    expect(existsSync(join(repo.path(CACHE_FOLDER), file!, 'inside'))).toBe(true);
  });

  it('is not used without a node_modules folder, nor with SAFE_JOBS_CACHE=off', () => {
    const repo = changedApp();
    vi.stubEnv('SAFE_JOBS_CACHE', 'off');
    expect(lintInNewProcess(repo, 'src/mail-job.ts')).toEqual(['no-new-required-param@4']);
    expect(readdirSync(repo.path('node_modules'))).toEqual([]);
    expect(FactsStore.open(repo.path('src'), 'key')).toBeUndefined();
  });
});

describe("the baselines' contracts", () => {
  it('keeps a baseline commit\'s contracts, and a new process reads them instead of the commit\'s files', () => {
    const repo = changedApp();
    const reads = vi.spyOn(GitTreeSource.prototype, 'readCandidates');
    expect(lintInNewProcess(repo, 'src/mail-job.ts')).toEqual(['no-new-required-param@4']);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(contractFiles(repo)).toHaveLength(1);
    expect(lintInNewProcess(repo, 'src/mail-job.ts')).toEqual(['no-new-required-param@4']);
    expect(reads).toHaveBeenCalledTimes(1);
    // Another baseline commit has contracts of its own.
    repo.commit({ 'src/util.ts': `${UTIL}export const thrice = (n: number) => n * 3;\n` });
    repo.write({ 'src/mail-job.ts': job('id: number, to: string') });
    expect(lintInNewProcess(repo, 'src/mail-job.ts')).toEqual([]);
    expect(reads).toHaveBeenCalledTimes(2);
    expect(contractFiles(repo)).toHaveLength(2);
    reads.mockRestore();
  });

  it('builds them again from git when the file is damaged, truncated or of another build', () => {
    const repo = changedApp();
    lintInNewProcess(repo, 'src/mail-job.ts');
    const path = join(repo.path(CACHE_FOLDER), contractFiles(repo)[0]!);
    const text = readFileSync(path, 'utf8');
    const reads = vi.spyOn(GitTreeSource.prototype, 'readCandidates');
    const damaged = [
      text.replace('"wireName":"MailJob"', '"wireName":"MaiJob"'),
      text.slice(0, text.length - 40),
      text.replace(`"format":${STORE_FORMAT}`, '"format":1'),
      text.replace(/"jobs":\[/, '"jobs":{"x":['),
    ];
    for (const [index, content] of damaged.entries()) {
      writeFileSync(path, content);
      expect(lintInNewProcess(repo, 'src/mail-job.ts'), `damage ${index}`).toEqual(['no-new-required-param@4']);
      expect(reads).toHaveBeenCalledTimes(index + 1);
    }
    reads.mockRestore();
  });

  it('keeps the contracts of the most recently written baselines only', () => {
    const repo = changedApp();
    lintInNewProcess(repo, 'src/mail-job.ts');
    const folder = repo.path(CACHE_FOLDER);
    const [own] = contractFiles(repo);
    const older = new Date(Date.now() - 60 * 60 * 1000);
    for (let index = 0; index < 9; index++) {
      const name = `contracts-${String(index).repeat(16)}.json`;
      writeFileSync(join(folder, name), `{"format":${STORE_FORMAT},"commit":"x","digest":"y"}\n{}`);
      utimesSync(join(folder, name), older, older);
    }
    rmSync(join(folder, own!));
    lintInNewProcess(repo, 'src/mail-job.ts');
    // The one just written, and the seven most recent of the others (ties keep any seven).
    expect(contractFiles(repo)).toHaveLength(8);
    expect(contractFiles(repo)).toContain(own);
  });
});

describe('the facts store in a long session', () => {
  it('keeps at most two contents per path (on disk, in the baseline), however often a file changed', () => {
    const repo = changedApp();
    const cache = new FactsCache(DEFAULT_JOB_PATTERN, 'key', FactsStore.open(repo.dir, 'key'));
    const versions = Array.from({ length: 6 }, (_, index) => job(`id: number, v${index}: string`));
    for (const text of versions) cache.parse(cache.getKey('src/mail-job.ts', text), 'src/mail-job.ts', text);
    cache.parse(cache.getKey('src/send.ts', ENQUEUE), 'src/send.ts', ENQUEUE);
    cache.save();
    const stored = Object.keys(readStore(repo).entries);
    const keyOf = (text: string) => cache.getKey('src/mail-job.ts', text);
    expect(stored.sort()).toEqual([keyOf(versions[4]!), keyOf(versions[5]!), cache.getKey('src/send.ts', ENQUEUE)].sort());
  });
});
