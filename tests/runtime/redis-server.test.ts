import { afterAll, describe, expect, it } from 'vitest';
import { ping, redisForTests, startRedis } from './redis-server.js';

describe('the test Redis server', () => {
  it('says why it cannot start when the binary is missing, without throwing', async () => {
    const started = await startRedis('safe-jobs-no-such-redis-server');
    expect(started.server).toBeUndefined();
    expect(started.reason).toBe('safe-jobs-no-such-redis-server not found on PATH (Debian: apt-get install redis-server)');
  });
});

const redis = await redisForTests('tests/runtime/redis-server.test.ts');
afterAll(() => redis?.stop());

describe.skipIf(!redis)('a started Redis server', () => {
  it('answers PING on a loopback port', async () => {
    expect(redis!.host).toBe('127.0.0.1');
    expect(await ping(redis!.port)).toBe(true);
  });

  it('no longer answers after stop()', async () => {
    const server = (await startRedis()).server!;
    expect(server.host).toBe('127.0.0.1');
    expect(await ping(server.port)).toBe(true);
    await server.stop();
    expect(await ping(server.port)).toBe(false);
  });
});
