import { afterEach } from 'vitest';
import { type Files, TempRepo } from './git-repo.js';
import type { Message } from './lint.js';

/**
 * `deploy(files)`: a git repository whose one commit, on main, is the deployed version; the
 * test then writes the change into its working tree. Every repository is removed after each test.
 * Call at the top level of a test file.
 */
export function useDeployments(): (files: Files) => TempRepo {
  const newRepo = useTempRepos();
  return (files) => {
    const repo = newRepo();
    repo.commit(files);
    return repo;
  };
}

/** `newRepo()`: a temporary repository (a plain folder with `{ git: false }`), removed after each test. Call at the top level of a test file. */
export function useTempRepos(): (options?: { git?: boolean }) => TempRepo {
  const repos: TempRepo[] = [];
  afterEach(() => {
    for (const repo of repos.splice(0)) repo.remove();
  });
  return (options) => {
    const repo = new TempRepo(options);
    repos.push(repo);
    return repo;
  };
}

/** Findings as `rule@file:line`, the way the end-to-end tests compare them. */
export const summary = (messages: Message[]): string[] => messages.map((message) => `${message.rule}@${message.file}:${message.line}`);
