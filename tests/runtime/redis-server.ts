/**
 * A throwaway Redis server for the run-time tests: Debian's `redis-server` on a free loopback
 * port, no persistence, in a temporary directory, stopped afterwards. When it is missing or
 * cannot start, the tests are skipped with one line, except in CI (`process.env.CI`), where
 * they must fail.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const LOOPBACK = '127.0.0.1';

export interface RedisServer {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** Why the server could not start (a line fit for the test output), or the server. */
export type RedisStart = { server: RedisServer; reason?: undefined } | { server?: undefined; reason: string };

function isInstalled(command: string): boolean {
  const result = spawnSync(command, ['--version'], { stdio: 'ignore', timeout: 5_000 });
  return (result.error as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT';
}

/** A port the kernel says is free on the loopback address right now. */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, LOOPBACK, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** One PING over a raw socket; true on +PONG. */
export function ping(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
    socket.connect(port, LOOPBACK, () => socket.write('PING\r\n'));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function startOnce(binary: string, port: number, dir: string): Promise<{ child: ChildProcess; output: () => string } | undefined> {
  const args = ['--port', String(port), '--bind', LOOPBACK, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir, '--logfile', ''];
  const child = spawn(binary, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.once('error', (error) => (output += String(error)));
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    if (await ping(port)) return { child, output: () => output };
    await sleep(25);
  }
  child.kill('SIGKILL');
  await waitForExit(child, 2_000);
  // Keep the last lines of the server's log for the reason.
  throw new Error(output.trim().split('\n').slice(-3).join(' | ') || 'redis-server did not answer PING within 5 s');
}

/**
 * Starts a Redis server, or says why it could not. Tries a few ports in case one is taken between
 * probe and bind. SAFE_JOBS_REDIS_SERVER names another binary (a path, or a missing one to see the skip).
 */
export async function startRedis(binary = process.env.SAFE_JOBS_REDIS_SERVER || 'redis-server'): Promise<RedisStart> {
  if (!isInstalled(binary)) return { reason: `${binary} not found on PATH (Debian: apt-get install redis-server)` };
  const dir = mkdtempSync(join(tmpdir(), 'safe-jobs-redis-'));
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await getFreePort();
    try {
      const started = await startOnce(binary, port, dir);
      if (!started) continue;
      const { child } = started;
      const kill = () => child.kill('SIGKILL');
      process.once('exit', kill);
      return {
        server: {
          host: LOOPBACK,
          port,
          async stop() {
            process.removeListener('exit', kill);
            child.kill('SIGTERM');
            if (!(await waitForExit(child, 3_000))) {
              child.kill('SIGKILL');
              await waitForExit(child, 2_000);
            }
            rmSync(dir, { recursive: true, force: true });
          },
        },
      };
    } catch (error) {
      lastError = (error as Error).message;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return { reason: `${binary} could not start: ${lastError}` };
}

/**
 * For a test file: the server, or undefined after printing one line why the tests are skipped.
 * In CI a missing server is an error, never a skip.
 */
export async function redisForTests(label: string): Promise<RedisServer | undefined> {
  const started = await startRedis();
  if (started.server) return started.server;
  if (process.env.CI) throw new Error(`${label}: ${started.reason}; CI must run these tests (.ci/run installs redis-server)`);
  console.warn(`${label}: skipped, ${started.reason}`);
  return undefined;
}
