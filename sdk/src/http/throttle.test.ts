import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { createClientWith } from './client.js';
import type { HttpRuntime } from './runtime.js';
import { createThrottle } from './throttle.js';

function fakeClock() {
  let now = 0;
  const runtime: HttpRuntime = {
    now: () => now,
    random: () => 0,
    sleep: async (ms) => {
      now += ms;
    },
  };
  return { runtime, at: () => now };
}

describe('throttle', () => {
  it('lets N requests start per window and makes the rest wait for the oldest to leave it', async () => {
    const clock = fakeClock();
    const throttle = createThrottle({ requests: 2, perMs: 1000 }, clock.runtime);
    const started: number[] = [];
    await Promise.all([1, 2, 3, 4, 5].map(() => throttle.acquire().then(() => started.push(clock.at()))));
    expect(started).toEqual([0, 0, 1000, 1000, 2000]);
  });

  it('keeps serving the queue after a caller gives up', async () => {
    const clock = fakeClock();
    const throttle = createThrottle({ requests: 1, perMs: 100 }, clock.runtime);
    await throttle.acquire();
    await expect(throttle.acquire(AbortSignal.abort(new Error('gave up')))).rejects.toThrow('gave up');
    await expect(throttle.acquire()).resolves.toBeUndefined();
    expect(clock.at()).toBe(100);
  });

  it('rejects a window that cannot be kept', () => {
    expect(() => createThrottle({ requests: 0, perMs: 1000 }, fakeClock().runtime)).toThrow(RangeError);
  });

  it('is shared by every request of one client', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('https://api.acme.test').intercept({ path: '/ping' }).reply(200, 'pong').times(3);
    const clock = fakeClock();
    const http = createClientWith(
      { baseUrl: 'https://api.acme.test', dispatcher: agent, throttle: { requests: 2, perMs: 60_000 } },
      clock.runtime,
    );
    await Promise.all([http.get('/ping'), http.get('/ping'), http.get('/ping')]);
    expect(clock.at()).toBe(60_000);
    agent.assertNoPendingInterceptors();
    await agent.close();
  });
});
