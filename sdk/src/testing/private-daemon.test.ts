import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, startPrivateDaemon } from './private-daemon.js';
import { isListening } from './service.js';

// The daemon under test is this Node binary serving a TCP port: the helper only needs a command
// that listens on the ports it was handed.
const listenOn = (ports: number[]) =>
  `const net = require('node:net'); for (const port of ${JSON.stringify(ports)}) net.createServer().listen(port, '127.0.0.1');`;

describe('startPrivateDaemon', () => {
  it('starts the command with files in its own folder, resolves once every port listens, and stops it', async () => {
    let folder = '';
    const daemon = await startPrivateDaemon({
      command: process.execPath,
      ports: 2,
      prepare: async (dir, ports) => {
        folder = dir;
        await writeFile(join(dir, 'serve.js'), listenOn(ports));
        return [join(dir, 'serve.js')];
      },
    });
    expect(daemon.ports).toHaveLength(2);
    expect(new Set(daemon.ports).size).toBe(2);
    for (const port of daemon.ports) expect(await isListening('127.0.0.1', port)).toBe(true);
    await daemon.stop();
    for (const port of daemon.ports) expect(await isListening('127.0.0.1', port)).toBe(false);
    await expect(import('node:fs/promises').then((fs) => fs.access(folder))).rejects.toThrow('ENOENT');
  });

  it('fails with the end of the log when the daemon exits before listening', async () => {
    await expect(
      startPrivateDaemon({
        command: process.execPath,
        ports: 1,
        prepare: async () => ['-e', "console.error('bad config line 3'); process.exit(3)"],
      }),
    ).rejects.toMatchObject({ code: 'E_PRIVATE_DAEMON', message: expect.stringContaining('bad config line 3') });
  });

  it('fails when the command does not exist', async () => {
    await expect(
      startPrivateDaemon({ command: 'mova-no-such-daemon', ports: 1, prepare: async () => [] }),
    ).rejects.toMatchObject({ code: 'E_PRIVATE_DAEMON', message: expect.stringContaining('ENOENT') });
  });
});

describe('freePort', () => {
  it('gives a loopback port nothing listens on', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(await isListening('127.0.0.1', port)).toBe(false);
  });
});
