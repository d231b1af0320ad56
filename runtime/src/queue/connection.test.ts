import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkRedis, redisOptions } from './connection.js';
import { runIdOf } from './jobs.js';

describe('redisOptions', () => {
  it('reads host, port, user, password, database and TLS from a Redis URL', () => {
    expect(redisOptions('redis://127.0.0.1:6379')).toEqual({ host: '127.0.0.1', port: 6379 });
    expect(redisOptions('rediss://app:s%40cret@cache.internal/2')).toEqual({
      host: 'cache.internal',
      port: 6379,
      username: 'app',
      password: 's@cret',
      db: 2,
      tls: { servername: 'cache.internal' },
    });
    expect(redisOptions('redis://[::1]:6380')).toMatchObject({ host: '::1', port: 6380 });
  });

  it('refuses what is not a Redis URL, without echoing a password', () => {
    expect(() => redisOptions('postgres://u:pw@db/x')).toThrow(/"postgres:\/\/u:…@db\/x" is not a Redis URL/);
    expect(() => redisOptions('127.0.0.1:6379')).toThrow(expect.objectContaining({ code: 'E_QUEUE_URL' }));
    expect(() => redisOptions('redis://host/main')).toThrow(/database "main" is not a number/);
  });
});

describe('checkRedis', () => {
  it('says what to do when nothing listens, and when Redis refuses the password', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(checkRedis(`redis://127.0.0.1:${port}`)).rejects.toMatchObject({
      code: 'E_QUEUE_UNREACHABLE',
      message: expect.stringContaining('ECONNREFUSED'),
      hint: expect.stringContaining('--queue'),
    });
    // A stand-in that answers AUTH as a Redis with another password does.
    const strict = createServer((socket) => socket.on('data', () => socket.write('-WRONGPASS invalid password\r\n')));
    await new Promise<void>((resolve) => strict.listen(0, '127.0.0.1', resolve));
    const strictPort = (strict.address() as { port: number }).port;
    await expect(checkRedis(`redis://:guess@127.0.0.1:${strictPort}`)).rejects.toMatchObject({
      code: 'E_QUEUE_UNREACHABLE',
      message: expect.stringContaining('refused: WRONGPASS'),
    });
    strict.close();
  });
});

describe('runIdOf', () => {
  it('keeps a job’s own run id, and derives the same UUID from a scheduled job’s id on every server', () => {
    expect(runIdOf({ runId: 'abc', workflow: 'w', inputs: {} }, 'abc')).toBe('abc');
    const job = { workflow: 'nightly', inputs: {} };
    const id = runIdOf(job, 'repeat:schedule:nightly:1764892800000');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(runIdOf(job, 'repeat:schedule:nightly:1764892800000')).toBe(id);
    expect(runIdOf(job, 'repeat:schedule:nightly:1764979200000')).not.toBe(id);
  });
});
