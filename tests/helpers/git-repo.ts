import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type Files = Record<string, string | null>;

/** A throwaway git repository; commits carry their own identity, so no global git config is needed. */
export class TempRepo {
  readonly dir: string;

  constructor(options: { git?: boolean } = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'safe-jobs-'));
    if (options.git !== false) this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    return this.gitWith({}, ...args);
  }

  /** git with extra environment variables (`GIT_COMMITTER_DATE` to date a commit or tag). */
  gitWith(env: Record<string, string>, ...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=Safe Jobs Test', '-c', 'user.email=test@safe-jobs.invalid', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], {
      cwd: this.dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
  }

  /** An annotated tag of HEAD made at `date` (a deploy tag). */
  tag(name: string, date = new Date()): void {
    this.gitWith({ GIT_COMMITTER_DATE: date.toISOString() }, 'tag', '-a', name, '-m', name);
  }

  /** Writes files; a null content deletes the file. */
  write(files: Files): this {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (content === null) {
        rmSync(full, { force: true });
      } else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    }
    return this;
  }

  commit(files: Files, message = 'change'): string {
    this.write(files);
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  path(relative: string): string {
    return join(this.dir, relative);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
