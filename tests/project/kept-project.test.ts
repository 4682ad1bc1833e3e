import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { extractFacts } from '../../src/adapters/traverse.js';
import { getCandidatePattern } from '../../src/adapters/adapter-set.js';
import { Engine } from '../../src/engine/engine.js';
import { WorkingTreeSource } from '../../src/project/working-tree-source.js';
import { FactsCache } from '../../src/project/facts-cache.js';
import { CACHE_FOLDER, FactsStore } from '../../src/project/facts-store.js';
import { readSettings, type SafeJobsSettings } from '../../src/settings.js';
import { type Files, TempRepo } from '../helpers/git-repo.js';

const BASE = 'export class ApplicationJob {}\n';
const job = (body = '') => `import { ApplicationJob } from './application-job';\nimport type { Mail } from './types';\n\nexport class MailJob extends ApplicationJob {\n  perform(mail: Mail) {${body}}\n}\n`;
const ENQUEUE = "import { MailJob } from './mail-job';\nexport const send = () => MailJob.performLater({ id: 1 });\n";
const types = (fields: string) => `export interface Mail {\n  ${fields}\n}\n`;

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** A deployed app whose job reads its payload type from a module that holds no job; the type gains a required field in the working tree. */
function changedApp(): TempRepo {
  const repo = new TempRepo();
  repos.push(repo);
  repo.write({ '.gitignore': 'node_modules/\n' });
  repo.commit({ 'src/application-job.ts': BASE, 'src/mail-job.ts': job(), 'src/types.ts': types('id: number;'), 'src/send.ts': ENQUEUE });
  mkdirSync(repo.path('node_modules'));
  repo.write({ 'src/types.ts': types('id: number;\n  to: string;') });
  return repo;
}

const settings = (): SafeJobsSettings => {
  const result = readSettings({ 'safe-jobs': { baseline: 'main' } }, {});
  if ('error' in result) throw new Error(result.error);
  return result.settings;
};

const extract = (text: string) => () => extractFacts(parse(text, { range: true, loc: true }), text, settings().pattern, false);
const describeFindings = (findings: Array<{ file: string; rule: string; span: { start: { line: number } } }>) =>
  findings.map((finding) => `${finding.file}:${finding.rule}@${finding.span.start.line}`).sort();
const newEngine = (repo: TempRepo) => new Engine({ root: repo.dir, cwd: repo.dir, isGit: true }, settings());

/** Lints a file as a new ESLint process would (a fresh engine), from its text on disk unless given. */
function lintInNewProcess(repo: TempRepo, file: string, text = readFileSync(repo.path(file), 'utf8')): string[] {
  return describeFindings(newEngine(repo).lintFile(repo.path(file), text, extract(text)).findings);
}

/** Every finding of the project, as `safe-jobs check` in a new process gives them. */
function checkInNewProcess(repo: TempRepo): string[] {
  return describeFindings(newEngine(repo).analyzeProject().findings);
}

/** The same check without any cache: what the findings must be. */
function checkUncached(repo: TempRepo): string[] {
  vi.stubEnv('SAFE_JOBS_CACHE', 'off');
  try {
    return checkInNewProcess(repo);
  } finally {
    vi.unstubAllEnvs();
  }
}

/** Spies on every way a process gets facts: the store, and parsing. */
function spyOnFacts() {
  return [vi.spyOn(FactsStore.prototype, 'get'), vi.spyOn(FactsCache.prototype, 'prepare'), vi.spyOn(FactsCache.prototype, 'parse'), vi.spyOn(FactsCache.prototype, 'parseAlone')];
}

const EXPECTED = ['src/types.ts:no-new-required-param@3'];

describe("the working tree's contracts kept between processes", () => {
  it('are what a new process takes when nothing it read has changed: no facts read, nothing parsed', () => {
    const repo = changedApp();
    expect(checkUncached(repo)).toEqual(EXPECTED);
    expect(lintInNewProcess(repo, 'src/types.ts')).toEqual(EXPECTED);
    expect(readdirSync(repo.path(CACHE_FOLDER)).filter((name) => name.startsWith('worktree-'))).toHaveLength(1);
    const spies = spyOnFacts();
    expect(lintInNewProcess(repo, 'src/types.ts')).toEqual(EXPECTED);
    expect(lintInNewProcess(repo, 'src/mail-job.ts')).toEqual([]);
    expect(checkInNewProcess(repo)).toEqual(EXPECTED);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it.each<[string, Files, string[]]>([
    ['a job file changed on disk', { 'src/mail-job.ts': job().replace('mail: Mail', 'mail: Mail, to: string') }, ['src/mail-job.ts:no-incompatible-param-change@4']],
    ['a module with no job that the contracts read changed', { 'src/types.ts': types('id: number;') }, []],
    ['a file appeared that an import now reaches first', { 'src/types/index.ts': types('id: number;'), 'src/types.ts': null }, []],
    ['a job file appeared', { 'src/other-job.ts': "import { ApplicationJob } from './application-job';\nexport class OtherJob extends ApplicationJob {\n  perform(id: number) {}\n}\n" }, EXPECTED],
  ])('are built again when %s', (_, files, expected) => {
    const repo = changedApp();
    expect(checkInNewProcess(repo)).toEqual(EXPECTED);
    repo.write(files);
    expect(checkUncached(repo)).toEqual(expected);
    const [get] = spyOnFacts();
    expect(checkInNewProcess(repo)).toEqual(expected);
    expect(get).toHaveBeenCalled();
  });

  it('are built again when a file appeared that an import now reaches first, though no load read it', () => {
    const repo = changedApp();
    repo.commit({ 'src/types.ts': null, 'src/types/index.ts': types('id: number;') });
    repo.write({ 'src/types/index.ts': types('id: number;\n  to: string;') });
    expect(checkInNewProcess(repo)).toEqual(['src/types/index.ts:no-new-required-param@3']);
    // Resolution never read src/types.ts (no such file was listed): only the listing shows it.
    repo.write({ 'src/types.ts': types('id: number;') });
    expect(checkUncached(repo)).toEqual([]);
    expect(checkInNewProcess(repo)).toEqual([]);
  });

  it('cost a process that cannot use them one listing of the tree, not two', () => {
    const repo = changedApp();
    const list = vi.spyOn(WorkingTreeSource.prototype, 'listCandidates');
    const read = vi.spyOn(WorkingTreeSource.prototype, 'readCandidates');
    // Nothing kept yet: the load lists the tree itself.
    checkInNewProcess(repo);
    expect([list.mock.calls.length, read.mock.calls.length]).toEqual([0, 1]);
    expect(read.mock.calls[0]![0]).toBeUndefined();
    // Kept, then a file changed: the listing made to check them serves the load.
    repo.write({ 'src/types.ts': types('id: number;') });
    checkInNewProcess(repo);
    expect([list.mock.calls.length, read.mock.calls.length]).toEqual([1, 2]);
    expect(read.mock.calls[1]![0]).toBe(list.mock.results[0]!.value);
  });

  it('are built again when the file is damaged', () => {
    const repo = changedApp();
    checkInNewProcess(repo);
    const name = readdirSync(repo.path(CACHE_FOLDER)).find((file) => file.startsWith('worktree-'))!;
    const path = join(repo.path(CACHE_FOLDER), name);
    const text = readFileSync(path, 'utf8');
    for (const damaged of [text.replace('"wireName":"MailJob"', '"wireName":"MaiJob"'), text.slice(0, -30), text.replace(/"reads":\[/, '"reads":{"x":[')]) {
      writeFileSync(path, damaged);
      const [get] = spyOnFacts();
      expect(checkInNewProcess(repo)).toEqual(EXPECTED);
      expect(get).toHaveBeenCalled();
      vi.restoreAllMocks();
    }
  });

  it('are never kept when they hold an editor buffer, only the disk', () => {
    const repo = changedApp();
    const edited = job().replace('mail: Mail', 'mail: Mail, to: string');
    expect(lintInNewProcess(repo, 'src/mail-job.ts', edited)).toEqual(['src/mail-job.ts:no-incompatible-param-change@4']);
    expect(checkInNewProcess(repo)).toEqual(EXPECTED);
  });
});

describe('the working tree named by blob', () => {
  it('gives a file git holds unchanged under a known blob by that blob, unread, and reads the others', () => {
    const repo = changedApp();
    const { settings: s } = readSettings({}, {}) as { settings: SafeJobsSettings };
    const source = new WorkingTreeSource(repo.dir, getCandidatePattern(s.pattern), true);
    const all = source.readCandidates();
    const blob = repo.git('rev-parse', 'HEAD:src/mail-job.ts').trim();
    expect(source.getBlobOf('src/mail-job.ts', all.get('src/mail-job.ts')!)).toBe(blob);
    // Changed in the working tree: the index's blob is not its content.
    expect(source.getCleanBlob('src/types.ts')).toBeUndefined();
    const listed = source.listCandidates((known) => known === blob);
    expect(listed.get('src/mail-job.ts')).toEqual({ blob });
    expect([...listed.keys()].sort()).toEqual([...all.keys()].sort());
    expect([...listed].filter(([path]) => path !== 'src/mail-job.ts').every(([path, text]) => text === all.get(path))).toBe(true);
  });
});

describe('an editor started on kept contracts', () => {
  it('takes edits that change no contract without loading the project, and one that does by loading it', () => {
    const repo = changedApp();
    checkInNewProcess(repo);
    const engine = newEngine(repo);
    const lint = (file: string, text: string) => describeFindings(engine.lintFile(repo.path(file), text, extract(text)).findings);
    const [get] = spyOnFacts();
    // Typing in the handler's body changes no contract; a line above the type moves its finding.
    expect(lint('src/mail-job.ts', job('\n    console.log("a");\n  '))).toEqual([]);
    expect(lint('src/mail-job.ts', job('\n    console.log("ab");\n  '))).toEqual([]);
    expect(lint('src/types.ts', `// mail\n${types('id: number;\n  to: string;')}`)).toEqual(['src/types.ts:no-new-required-param@4']);
    expect(get).not.toHaveBeenCalled();
    // The field made optional: a contract changed, and the project is loaded to build them again.
    expect(lint('src/types.ts', `// mail\n${types('id: number;\n  to?: string;')}`)).toEqual([]);
    expect(get).toHaveBeenCalled();
    // The body typed before is still the linted one.
    expect(lint('src/mail-job.ts', job('\n    console.log("ab");\n  '))).toEqual([]);
    expect(describeFindings(engine.analyzeProject().findings)).toEqual([]);
  });
});
