// Runs the pnpm this repository pins (installing it into .tools/ when the machine has none), so
// every `npm run <x>` works on a machine with only node and npm: `node scripts/pnpm-run.mjs <args>`.
import { spawnSync } from 'node:child_process';
import { pnpm, root } from './pnpm.mjs';

const [command, ...args] = [...pnpm(), ...process.argv.slice(2)];
const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
