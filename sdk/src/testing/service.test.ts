import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ensureService, isListening } from './service.js';

describe('ensureService', () => {
  it('passes when the port is open and fails clearly when it is closed and cannot be started', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as { port: number };
    await expect(ensureService({ name: 'Probe', port })).resolves.toBeUndefined();
    server.close();
    await new Promise((r) => server.once('close', r));
    expect(await isListening('127.0.0.1', port)).toBe(false);
    await expect(ensureService({ name: 'Probe', port })).rejects.toThrow(`Probe is not listening on 127.0.0.1:${port}`);
    await expect(ensureService({ name: 'Probe', port, start: 'echo nothing-started', timeoutMs: 600 })).rejects.toThrow(
      'even after `echo nothing-started`',
    );
  });
});
