import { afterAll, describe, expect, it } from 'vitest';
import { ping, startRedis } from './redis-server.js';

describe('the test Redis server', () => {
  it('says why it cannot start when the binary is missing, without throwing', async () => {
    const started = await startRedis('safe-jobs-no-such-redis-server');
    expect(started.server).toBeUndefined();
    expect(started.reason).toBe('safe-jobs-no-such-redis-server not found on PATH (Debian: apt-get install redis-server)');
  });
});

// Without redis-server these are skipped silently: rolling-deploy.test.ts says why (and fails in CI).
const { server } = await startRedis();
afterAll(() => server?.stop());

describe.skipIf(!server)('a started Redis server', () => {
  it('answers PING on a loopback port', async () => {
    expect(server!.host).toBe('127.0.0.1');
    expect(await ping(server!.port)).toBe(true);
  });

  it('no longer answers after stop()', async () => {
    const other = (await startRedis()).server!;
    expect(await ping(other.port)).toBe(true);
    await other.stop();
    expect(await ping(other.port)).toBe(false);
  });
});
