// A tiny step runner for the root scripts: prints each step, streams its output, records failures.
import { spawn } from 'node:child_process';
import { root } from './pnpm.mjs';

export async function step(title, [command, ...args], options = {}) {
  console.log(`\n> ${title}`);
  const started = Date.now();
  const code = await new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...options.env } });
    child.on('error', (error) => {
      console.error(error.message);
      resolve(1);
    });
    child.on('close', (status) => resolve(status ?? 1));
  });
  console.log(`  ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return code;
}
