/**
 * One N → N+1 change, on disk: a git repository where version N is committed and N+1 is the
 * working tree (what the plugin lints), and runnable copies of both versions (what the simulator
 * executes). N's copy holds exactly the texts committed, N+1's is copied from the working tree at
 * each stage, so the code that runs is the code that was linted.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Files, TempRepo } from '../helpers/git-repo.js';
import { lintFiles, type Message } from '../helpers/lint.js';
import { type AppVersion, type Framework, renderApp } from './apps.js';
import type { RedisServer } from './redis-server.js';
import type { PostgresServer } from './postgres-server.js';
import { type RunJob, runDirection } from './simulator.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const DIRECTIONS = ['old payload → new worker', 'new payload → old worker'] as const;
export type DirectionName = (typeof DIRECTIONS)[number];
export type Simulation = Record<DirectionName, RunJob[]>;

/** A lint result in short: `rule` per finding (errors), `rule (warning)` for warnings; sorted, distinct. */
export function verdictOf(messages: Message[]): string[] {
  return [...new Set(messages.map((message) => `${(message.rule ?? 'parse error').replace(/^safe-jobs\//, '')}${message.severity === 1 ? ' (warning)' : ''}`))].sort();
}

export class Deploy {
  readonly repo = new TempRepo();
  private readonly copies: string[] = [];
  /** The texts committed as N. */
  private readonly committed: Files;
  private previousCopy: string | undefined;

  constructor(
    readonly framework: Framework,
    readonly previous: AppVersion,
    readonly next: AppVersion,
  ) {
    const before = renderApp(framework, previous);
    this.committed = before;
    this.repo.commit(before, 'version N (deployed)');
    const after = renderApp(framework, next);
    const gone: Files = Object.fromEntries(Object.keys(before).filter((path) => !(path in after)).map((path) => [path, null]));
    this.repo.write({ ...gone, ...after });
  }

  /** Lints the working tree against the committed version, as the README configures ESLint; optionally applies the fixes. */
  async lint(options: { fix?: boolean } = {}): Promise<{ verdict: string[]; messages: Message[] }> {
    const messages = await lintFiles(this.repo.dir, ['.'], { fix: options.fix });
    return { verdict: verdictOf(messages), messages };
  }

  read(path: string): string {
    return readFileSync(this.repo.path(path), 'utf8');
  }

  /** Edits a file of N+1 (the working tree) by hand, every occurrence; the text must be there. */
  edit(path: string, from: string, to: string): void {
    const text = this.read(path);
    if (!text.includes(from)) throw new Error(`${path} does not contain ${JSON.stringify(from)}`);
    writeFileSync(this.repo.path(path), text.split(from).join(to));
  }

  /** A runnable copy of N (made once: it never changes) or a fresh one of N+1 (the working tree now), with the project's node_modules linked in. */
  materialize(version: 'N' | 'N+1'): string {
    if (version === 'N' && this.previousCopy) return this.previousCopy;
    const dir = mkdtempSync(join(tmpdir(), `safe-jobs-app-${version === 'N' ? 'n' : 'n1'}-`));
    this.copies.push(dir);
    const files = version === 'N' ? this.committed : this.workingTree();
    for (const [path, text] of Object.entries(files)) {
      if (text === null) continue;
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    if (version === 'N') this.previousCopy = dir;
    return dir;
  }

  /** The files of the working tree (no .git). */
  private workingTree(): Files {
    const files: Files = {};
    for (const entry of readdirSync(this.repo.dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = relative(this.repo.dir, join(entry.parentPath, entry.name));
      if (path === '.git' || path.startsWith(`.git${sep}`)) continue;
      files[path.split(sep).join('/')] = readFileSync(join(this.repo.dir, path), 'utf8');
    }
    return files;
  }

  /** Runs both directions of the rolling deploy on the current N+1 (fresh copies each time, so edits and fixes count). */
  async simulate(servers: { redis?: RedisServer; postgres?: PostgresServer }): Promise<Simulation> {
    const n = { dir: this.materialize('N') };
    const n1 = { dir: this.materialize('N+1') };
    const intents = (app: AppVersion) => app.enqueues.map((call) => ({ name: call.name, intent: call.intent }));
    return {
      'old payload → new worker': await runDirection({ framework: this.framework, ...servers, enqueuer: n, worker: n1, intents: intents(this.previous) }),
      'new payload → old worker': await runDirection({ framework: this.framework, ...servers, enqueuer: n1, worker: n, intents: intents(this.next) }),
    };
  }

  remove(): void {
    this.repo.remove();
    for (const dir of this.copies.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}
