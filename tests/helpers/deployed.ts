import { afterEach } from 'vitest';
import { type Files, TempRepo } from './git-repo.js';
import type { Message } from './lint.js';

/**
 * `deploy(files)`: a git repository whose one commit, on main, is the deployed version; the
 * test then writes the change into its working tree. Every repository is removed after each test.
 * Call at the top level of a test file.
 */
export function useDeployments(): (files: Files) => TempRepo {
  const repos: TempRepo[] = [];
  afterEach(() => {
    for (const repo of repos.splice(0)) repo.remove();
  });
  return (files) => {
    const repo = new TempRepo();
    repos.push(repo);
    repo.commit(files);
    return repo;
  };
}

/** Findings as `rule@file:line`, the way the end-to-end tests compare them. */
export const summary = (messages: Message[]): string[] => messages.map((message) => `${message.rule}@${message.file}:${message.line}`);
