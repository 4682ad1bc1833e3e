/**
 * Every git call of the plugin: synchronous (rules are synchronous), argument arrays,
 * never a shell, revisions checked before they reach git's command line, and no program that
 * the repository configures (fsmonitor, filter drivers, external diff, textconv) ever started.
 */
import { spawnSync } from 'node:child_process';
import { MAX_FILE_BYTES } from '../model/paths.js';

export class GitError extends Error {
  constructor(message: string, readonly kind: 'missing-git' | 'not-a-repository' | 'unsafe-repository' | 'failed') {
    super(message);
  }
}

interface GitResult {
  status: number;
  stdout: Buffer;
  stderr: string;
}

/** Large enough for a batch of baseline blobs; git itself streams. */
const MAX_BUFFER = 1024 * 1024 * 1024;

/**
 * Options of every call that switch off what a repository's own configuration can make git
 * run: its fsmonitor hook (run by any index refresh), hooks, external diff drivers. Filter
 * drivers have no global switch: each one configured is emptied by name (getFilterOptions).
 */
const SAFE_OPTIONS = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'diff.external=', '--no-pager'];

/**
 * Where git would otherwise find the repository from the environment: a hook's or a parent
 * tool's GIT_DIR or GIT_INDEX_FILE would point every call at another repository or index. The
 * plugin always works on the repository that holds the linted file. (The user's own
 * configuration, global, system or GIT_CONFIG_*, is theirs and stays.)
 */
const INHERITED_GIT_VARIABLES = /^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|COMMON_DIR|NAMESPACE|EXTERNAL_DIFF)$/;

function getEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!INHERITED_GIT_VARIABLES.test(key)) env[key] = value;
  return { ...env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };
}

/** The filter options of each folder git runs in, read once: configuration is read, never executed. */
const filterOptionsByFolder = new Map<string, string[]>();

/**
 * `-c filter.<name>.clean= -c filter.<name>.smudge= -c filter.<name>.process=` for every filter
 * driver the configuration defines: git treats an empty command as no filter, so the files are
 * read as they are stored. `required=false` keeps a required filter from failing the call.
 */
function getFilterOptions(cwd: string): string[] {
  let options = filterOptionsByFolder.get(cwd);
  if (!options) {
    const result = spawnSync('git', [...SAFE_OPTIONS, 'config', '--null', '--name-only', '--get-regexp', '^filter\\.'], { cwd, env: getEnvironment(), windowsHide: true });
    const names = new Set<string>();
    for (const key of result.status === 0 ? result.stdout.toString('utf8').split('\0') : []) {
      const match = /^filter\.(.+)\.[^.]+$/.exec(key);
      if (match) names.add(match[1]!);
    }
    options = [...names].flatMap((name) => ['clean', 'smudge', 'process'].flatMap((key) => ['-c', `filter.${name}.${key}=`]).concat('-c', `filter.${name}.required=false`));
    filterOptionsByFolder.set(cwd, options);
  }
  return options;
}

export function runGit(cwd: string, args: string[], input?: string): GitResult {
  const result = spawnSync('git', [...SAFE_OPTIONS, ...getFilterOptions(cwd), ...args], {
    cwd,
    input,
    maxBuffer: MAX_BUFFER,
    windowsHide: true,
    env: getEnvironment(),
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new GitError('git was not found on PATH. Install git, or point `baseline` at a snapshot file.', 'missing-git');
    }
    throw new GitError(`git ${args[0]} failed: ${result.error.message}`, 'failed');
  }
  const stderr = result.stderr.toString('utf8').trim();
  // git's own protection (safe.directory): the plugin never overrides it, and says so once, clearly.
  if (result.status !== 0 && stderr.includes('detected dubious ownership')) {
    throw new GitError(
      `git refuses to work in ${cwd}: the repository is owned by another user (git's safe.directory protection), so there is no baseline. If you trust it, mark it safe with \`git config --global --add safe.directory <path>\`, or run as its owner.`,
      'unsafe-repository',
    );
  }
  return { status: result.status ?? 1, stdout: result.stdout, stderr };
}

/** Whether the folder is a bare repository: git's objects without a working tree to lint. */
export function isBareRepository(cwd: string): boolean {
  try {
    return runGit(cwd, ['rev-parse', '--is-bare-repository']).stdout.toString('utf8').trim() === 'true';
  } catch {
    return false;
  }
}

/** A revision as users write it. Anything else (options, whitespace, control characters, more than one commit) is refused. */
export function isSafeRevision(revision: string): boolean {
  return getRevisionRefusal(revision) === undefined;
}

/**
 * Why a baseline revision is refused before it reaches git, or undefined. A baseline is one
 * commit: `^main` and `a..b` are ranges (git answers with more than one object, or a negation
 * that matches no tree), `HEAD:path` names a file and `:/text` searches commit messages.
 */
export function getRevisionRefusal(revision: string): string | undefined {
  if (revision.length === 0 || revision.length >= 256 || revision.startsWith('-') || [...revision].some(isUnsafeCharacter)) {
    return 'a revision may not be empty, start with "-" or contain spaces or control characters';
  }
  if (revision.startsWith('^') || revision.includes('..')) return 'a baseline is one commit, not a range (`^main`, `main..HEAD`)';
  if (revision.includes(':')) return 'a baseline is a commit, not a file (`HEAD:path`) nor a search of commit messages (`:/text`)';
  return undefined;
}

/** The remotes of the repository, for hints that name one that exists. */
export function listRemotes(root: string): string[] {
  const result = runGit(root, ['remote']);
  return result.status === 0 ? result.stdout.toString('utf8').split('\n').filter(Boolean) : [];
}

function isUnsafeCharacter(character: string): boolean {
  const code = character.charCodeAt(0);
  return code < 0x20 || code === 0x7f || /\s/.test(character);
}

export function getRepositoryRoot(cwd: string): string | undefined {
  const result = runGit(cwd, ['rev-parse', '--show-toplevel']);
  return result.status === 0 ? result.stdout.toString('utf8').trim() : undefined;
}

export function isShallowRepository(root: string): boolean {
  return runGit(root, ['rev-parse', '--is-shallow-repository']).stdout.toString('utf8').trim() === 'true';
}

/** The commit a revision names, or undefined when it names none in this clone. */
export function resolveCommit(root: string, revision: string): string | undefined {
  if (!isSafeRevision(revision)) return undefined;
  const result = runGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]);
  return result.status === 0 ? result.stdout.toString('utf8').trim() : undefined;
}

/** Tags matching a ref pattern (`deploy-*`), newest first, each with when it was made (the tagger's date, or its commit's). */
export function listTags(root: string, pattern: string): Array<{ name: string; date: number }> {
  const result = runGit(root, ['for-each-ref', '--sort=-creatordate', '--format=%(refname:short)%00%(creatordate:unix)', '--end-of-options', `refs/tags/${pattern}`]);
  if (result.status !== 0) throw new GitError(`git for-each-ref failed: ${result.stderr}`, 'failed');
  return result.stdout
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name, seconds] = line.split('\0');
      return { name: name!, date: Number(seconds) * 1000 };
    });
}

/** Whether a revision names a branch (local or remote-tracking) rather than a tag or a commit. */
export function isBranchRevision(root: string, revision: string): boolean {
  // No `--end-of-options` here: with --symbolic-full-name, rev-parse echoes it. The revision is checked instead.
  if (!isSafeRevision(revision)) return false;
  const result = runGit(root, ['rev-parse', '--symbolic-full-name', revision]);
  const name = result.status === 0 ? result.stdout.toString('utf8').trim() : '';
  return name.startsWith('refs/heads/') || name.startsWith('refs/remotes/');
}

/**
 * The parents a commit records, even where a shallow clone cuts them off (git then treats it as
 * a root, but the commit object still names them).
 */
export function getRawParents(root: string, commit: string): string[] {
  const result = runGit(root, ['cat-file', 'commit', commit]);
  if (result.status !== 0) return [];
  const header = result.stdout.toString('utf8').split('\n\n', 1)[0] ?? '';
  return header.split('\n').flatMap((line) => (line.startsWith('parent ') ? [line.slice('parent '.length).trim()] : []));
}

export function getMergeBase(root: string, a: string, b: string): string | undefined {
  const result = runGit(root, ['merge-base', '--end-of-options', a, b]);
  return result.status === 0 ? result.stdout.toString('utf8').trim().split('\n')[0] : undefined;
}

/**
 * The working tree's files outside node_modules, from one `git ls-files`: those in git's index,
 * each with the blob the index holds for it when git finds the file on disk unchanged (by its
 * stat data, as `git status` does; undefined when the file was modified, deleted or is in a merge
 * conflict), and the untracked ones that are not ignored. One process and one read of the index
 * instead of three: `-t` tags each line with what it is.
 */
export function listWorkingTree(root: string): { indexed: Map<string, string | undefined>; untracked: string[] } {
  const args = ['ls-files', '-z', '-t', '--cached', '--stage', '--modified', '--others', '--exclude-standard', '--', '.', ':(exclude,glob)**/node_modules/**'];
  const indexed = new Map<string, string | undefined>();
  const modified = new Set<string>();
  const untracked: string[] = [];
  for (const entry of splitPaths(checked(runGit(root, args), 'ls-files'))) {
    // "? <path>" for an untracked file; "<tag> <mode> <blob> <stage>\t<path>" for the index's
    // entries (C: changed on disk; a conflicted path has one entry per stage, none of them 0).
    const tag = entry[0];
    if (tag === '?') {
      untracked.push(entry.slice(2));
      continue;
    }
    const tab = entry.indexOf('\t');
    const [, blob, stage] = entry.slice(2, tab).split(' ');
    const path = entry.slice(tab + 1);
    if (tag === 'C') modified.add(path);
    else indexed.set(path, stage === '0' && !indexed.has(path) ? blob : undefined);
  }
  for (const path of modified) if (indexed.has(path)) indexed.set(path, undefined);
  return { indexed, untracked };
}

/** Paths (outside node_modules) in a commit's tree, lintable or not. */
export function listTreeFiles(root: string, commit: string): string[] {
  const args = ['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit];
  return splitPaths(checked(runGit(root, args), 'ls-tree')).filter((path) => !path.split('/').includes('node_modules'));
}

/**
 * Paths whose content differs between a commit and the working tree (tracked
 * files), each with whether the commit has it (`false` for a file added since). git answers
 * from its index's stat data, so this costs next to nothing when little has changed.
 */
export function listChangedFiles(root: string, commit: string): Map<string, boolean> {
  const args = ['diff', '--name-status', '--no-renames', '--no-ext-diff', '--no-textconv', '--ignore-submodules', '-z', commit, '--', '.'];
  const fields = splitPaths(checked(runGit(root, args), 'diff'));
  const changed = new Map<string, boolean>();
  // "<status>\0<path>\0" pairs; A: only in the working tree (the diff runs from the commit to it).
  for (let index = 0; index + 1 < fields.length; index += 2) changed.set(fields[index + 1]!, fields[index] !== 'A');
  return changed;
}

function checked(result: GitResult, command: string): Buffer {
  if (result.status !== 0) throw new GitError(`git ${command} failed: ${result.stderr}`, 'failed');
  return result.stdout;
}

function splitPaths(stdout: Buffer): string[] {
  return stdout.toString('utf8').split('\0').filter(Boolean);
}

/**
 * Reads many blobs of one commit: one `git cat-file --batch-check` for their sizes, then one
 * `git cat-file --batch` for those within MAX_FILE_BYTES, so that a large generated file is
 * never read into memory. Absent paths are left out; paths of larger blobs go to `oversized`.
 */
export function readBlobs(root: string, commit: string, paths: string[], oversized?: Set<string>): Map<string, string> {
  const texts = new Map<string, string>();
  const named = paths.filter((path) => !/[\n\r]/.test(path));
  if (named.length === 0) return texts;
  const sizes = getBlobSizes(root, commit, named);
  const readable = named.filter((path) => {
    const size = sizes.get(path);
    if (size !== undefined && size > MAX_FILE_BYTES) oversized?.add(path);
    return size !== undefined && size <= MAX_FILE_BYTES;
  });
  if (readable.length === 0) return texts;
  const input = readable.map((path) => `${commit}:${path}\n`).join('');
  const out = checked(runGit(root, ['cat-file', '--batch'], input), 'cat-file');
  let offset = 0;
  for (const path of readable) {
    const headerEnd = out.indexOf(10, offset);
    if (headerEnd < 0) break;
    const header = out.toString('utf8', offset, headerEnd);
    offset = headerEnd + 1;
    const match = / (blob|tree|commit|tag) (\d+)$/.exec(header);
    if (!match) continue; // "<spec> missing"
    const size = Number(match[2]);
    if (match[1] === 'blob') texts.set(path, out.toString('utf8', offset, offset + size));
    offset += size + 1;
  }
  return texts;
}

/** The size of each path's blob in the commit; paths that are no blob there are left out. */
function getBlobSizes(root: string, commit: string, paths: string[]): Map<string, number> {
  const out = checked(runGit(root, ['cat-file', '--batch-check'], paths.map((path) => `${commit}:${path}\n`).join('')), 'cat-file');
  const sizes = new Map<string, number>();
  out
    .toString('utf8')
    .split('\n')
    .slice(0, paths.length)
    .forEach((line, index) => {
      const match = / blob (\d+)$/.exec(line);
      if (match) sizes.set(paths[index]!, Number(match[1]));
    });
  return sizes;
}
