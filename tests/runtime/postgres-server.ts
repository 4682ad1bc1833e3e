/**
 * A throwaway PostgreSQL server for the run-time tests of the PostgreSQL queues (pg-boss,
 * graphile-worker): Debian's `initdb` and `pg_ctl` (the `postgresql` package), a cluster in a
 * temporary directory with trust authentication on a free loopback port, stopped and removed
 * afterwards. PostgreSQL refuses to run as root: under root the cluster belongs to the
 * `postgres` user the package creates, and its commands run as that user. When it is missing or
 * cannot start, the tests are skipped with one line, except in CI, where they must fail.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getFreePort, LOOPBACK } from './redis-server.js';

export interface PostgresServer {
  host: string;
  port: number;
  /** A connection string to the server's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

type PostgresStart = { server: PostgresServer; reason?: undefined } | { server?: undefined; reason: string };

/** The folder of `initdb` and `pg_ctl`: on PATH, else Debian's versioned folder. */
function findBinaries(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return undefined;
  for (const version of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) if (existsSync(join(debian, version, 'bin', 'initdb'))) return join(debian, version, 'bin');
  return undefined;
}

function getUser(name: string): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : undefined;
}

const lastLines = (text: string) => text.trim().split('\n').slice(-2).join(' | ');

export async function startPostgres(): Promise<PostgresStart> {
  const bin = findBinaries();
  if (!bin) return { reason: 'initdb and pg_ctl not found (Debian: apt-get install postgresql)' };
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? getUser('postgres') : undefined;
  if (asRoot && !owner) return { reason: 'running as root, with no postgres user to own the cluster' };
  // The cluster's owner runs its commands: `runuser` under root, the current user otherwise.
  const run = (command: string, args: string[]) =>
    spawnSync(asRoot ? 'runuser' : join(bin, command), asRoot ? ['-u', 'postgres', '--', join(bin, command), ...args] : args, { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });
  const dir = mkdtempSync(join(tmpdir(), 'safe-jobs-postgres-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const init = run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { reason: `initdb failed: ${lastLines(init.stderr || init.stdout || String(init.error))}` };
  }
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await getFreePort();
    // No durability: the cluster lives for one test run.
    const options = `-p ${port} -k ${dir} -c listen_addresses=${LOOPBACK} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    const started = run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '20', 'start']);
    if (started.status !== 0) {
      lastError = lastLines(started.stderr || started.stdout);
      continue;
    }
    const stopNow = () => run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    process.once('exit', stopNow);
    return {
      server: {
        host: LOOPBACK,
        port,
        url: `postgres://postgres@${LOOPBACK}:${port}/postgres`,
        async stop() {
          process.removeListener('exit', stopNow);
          stopNow();
          rmSync(dir, { recursive: true, force: true });
        },
      },
    };
  }
  rmSync(dir, { recursive: true, force: true });
  return { reason: `pg_ctl could not start the server: ${lastError}` };
}

/** For a test file: the server, or undefined after one line saying why the tests are skipped; in CI, an error. */
export async function postgresForTests(label: string): Promise<PostgresServer | undefined> {
  const started = await startPostgres();
  if (started.server) return started.server;
  if (process.env.CI) throw new Error(`${label}: ${started.reason}; CI must run these tests (.ci/run installs postgresql)`);
  console.warn(`${label}: skipped, ${started.reason}`);
  return undefined;
}
