import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const RUNTIME = join(dirname(fileURLToPath(import.meta.url)), '..');

let dir: string;

/**
 * An install of the built runtime as a user gets it without pg: its published files copied (so
 * modules resolve from this folder, not the checkout), every declared dependency linked, pg absent.
 */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mova-no-pg-'));
  const installed = join(dir, 'node_modules', '@mova', 'runtime');
  await mkdir(installed, { recursive: true });
  const manifest = JSON.parse(await readFile(join(RUNTIME, 'package.json'), 'utf8')) as {
    files: string[];
    dependencies: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };
  for (const entry of ['package.json', ...manifest.files.filter((f) => !f.startsWith('!'))]) {
    // Built pages (web/dist) exist only after build:web; running workflows needs none of them.
    if (!existsSync(join(RUNTIME, entry))) continue;
    await cp(join(RUNTIME, entry), join(installed, entry), { recursive: true });
  }
  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
    const link = join(dir, 'node_modules', name);
    await mkdir(dirname(link), { recursive: true });
    await symlink(await realpath(join(RUNTIME, 'node_modules', name)), link);
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function runScript(source: string): Promise<string> {
  const file = join(dir, 'script.mjs');
  await writeFile(file, source);
  // Without NODE_PATH: the test runner's points into the checkout's hoisted packages, pg among them.
  const { NODE_PATH: _, ...env } = process.env;
  const { stdout } = await promisify(execFile)(process.execPath, [file], { cwd: dir, env });
  return stdout.trim();
}

describe('@mova/runtime without pg installed', () => {
  it('does not list pg among its dependencies, only as an optional peer', async () => {
    const manifest = JSON.parse(await readFile(join(RUNTIME, 'package.json'), 'utf8'));
    expect(manifest.dependencies.pg).toBeUndefined();
    expect(manifest.peerDependenciesMeta.pg).toEqual({ optional: true });
  });

  it('loads the root and runs a workflow', async () => {
    const out = await runScript(`
      import { createRuntime } from '@mova/runtime';
      const runtime = createRuntime({ sources: [] });
      const result = await runtime.run(JSON.stringify({ mova: '1.0', name: 'w', steps: [{ id: 'a', set: { x: 1 } }] }), {});
      console.log(result.status);
    `);
    expect(out).toBe('completed');
  });

  it('names the missing package and what to do when a PostgreSQL store is opened', async () => {
    const out = await runScript(`
      import { PgRunStore } from '@mova/runtime/postgres';
      try {
        new PgRunStore({ connectionString: 'postgres://127.0.0.1/test' });
        console.log('opened');
      } catch (error) {
        console.log(JSON.stringify({ name: error.name, code: error.code, hint: error.hint }));
      }
    `);
    expect(JSON.parse(out)).toEqual({
      name: 'PostgresUnavailableError',
      code: 'E_POSTGRES_UNAVAILABLE',
      hint: expect.stringContaining('npm install pg'),
    });
  });
});
