import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect, it } from 'vitest';
import { childPids } from './child-pids.js';

it('lists a child while it runs and no longer once it has ended', async () => {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30_000)'], { stdio: 'ignore' });
  await once(child, 'spawn');
  expect(childPids()).toContain(child.pid);
  child.kill();
  await once(child, 'exit');
  expect(childPids()).not.toContain(child.pid);
});
