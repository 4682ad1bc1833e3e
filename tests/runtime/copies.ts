/** Runnable copies of app versions for the run-time tests, with the project's node_modules linked in. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { Files } from '../helpers/git-repo.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * `materialize(files)` writes one version into a fresh folder Node can run; `track(dir)` adds
 * another folder (a test's repository). Every folder is removed after each test.
 */
export function useRunnableCopies(prefix: string): { materialize: (files: Files) => { dir: string }; track: (dir: string) => void } {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  return {
    track: (dir) => void folders.push(dir),
    materialize: (files) => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      folders.push(dir);
      for (const [path, text] of Object.entries(files)) {
        if (text === null) continue;
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      return { dir };
    },
  };
}
