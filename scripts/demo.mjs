// The main job on embedded defaults: what a connector author does first. Scaffold a connector
// with `mova-connector init`, build it, and run one of its actions through the SDK's harness
// against the local PostgreSQL server: no mocks anywhere.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './pnpm.mjs';

const sdk = await import(pathToFileURL(join(root, 'sdk/dist/index.js')).href);
const cliBin = join(root, 'cli/bin/run.js');

function cli(args, cwd) {
  console.log(`\n$ mova-connector ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, ...args], { cwd, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`mova-connector ${args[0]} exited with ${code}`)),
    );
  });
}

const work = await mkdtemp(join(tmpdir(), 'mova-demo-'));
const dir = join(work, 'acme-db');
try {
  await sdk.ensureService(sdk.localServices.postgres);
  await cli(['init', 'acme-db', '--template', 'database', '--yes', '--dir', dir], work);
  await cli(['build'], dir);
  await cli(['validate'], dir);

  const connector = (await import(pathToFileURL(join(dir, 'dist/connector.mjs')).href)).default;
  const connection = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
  const input = {
    sql: 'SELECT current_database() AS database, current_user AS "user", version() AS server',
    params: [],
  };
  console.log(`\nRunning acme-db/query through the SDK harness (input and output checked against the manifest):`);
  const output = await sdk.runAction(connector, 'query', input, { auth: connection });
  console.log(JSON.stringify(output, null, 2));
  console.log(
    `\nDemo done. Create your own connector with:\n  node cli/bin/run.js init <name> --template http|sdk|database`,
  );
} catch (error) {
  console.error(`\nDemo failed: ${error.message}${error.hint ? `\n  ${error.hint}` : ''}`);
  process.exitCode = 1;
} finally {
  await rm(work, { recursive: true, force: true });
}
