import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PublishChecks } from '../check/publish-checks.js';
import { type Recovery, withRecordedChecks } from './record-checks.js';

const ORIGINAL = '{\n\t"name": "@acme/x",\n\t"version": "1.0.0"\n}\n';
// The child runs the built module: Node 20 cannot import TypeScript.
const MODULE = fileURLToPath(new URL('../../dist/registry/record-checks.js', import.meta.url));

const CHECKED: PublishChecks = { skipped: false, typecheck: 'passed', testFiles: 1, tests: 3 };

async function project() {
  const dir = await mkdtemp(join(tmpdir(), 'record-checks-'));
  await writeFile(join(dir, 'package.json'), ORIGINAL);
  return { dir, data: join(dir, 'data'), pkg: join(dir, 'package.json') };
}

/** A publish in another process, stopped inside `work` (npm publish) so a test can kill it. */
async function publishInChild(dir: string, data: string): Promise<ChildProcess> {
  const script = `
    const { withRecordedChecks } = await import(${JSON.stringify(MODULE)});
    await withRecordedChecks(${JSON.stringify(dir)}, { skipped: true }, ${JSON.stringify(data)}, () => {
      process.stdout.write('publishing\\n');
      return new Promise(() => setInterval(() => {}, 1000));
    });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  expect(chunk.toString()).toBe('publishing\n');
  return child;
}

describe('withRecordedChecks', () => {
  it('writes mova.checks for the publish only, keeping the indentation, and leaves no journal', async () => {
    const { dir, data, pkg } = await project();
    const during = await withRecordedChecks(dir, { skipped: true }, data, () => readFile(pkg, 'utf8'));
    expect(during).toBe(
      '{\n\t"name": "@acme/x",\n\t"version": "1.0.0",\n\t"mova": {\n\t\t"checks": {\n\t\t\t"skipped": true\n\t\t}\n\t}\n}\n',
    );
    expect(await readFile(pkg, 'utf8')).toBe(ORIGINAL);
    expect(await readdir(join(data, 'publish-pending'))).toEqual([]);
  });

  it('puts the file back when publish fails', async () => {
    const { dir, data, pkg } = await project();
    await expect(
      withRecordedChecks(dir, { skipped: true }, data, () => Promise.reject(new Error('npm refused'))),
    ).rejects.toThrow('npm refused');
    expect(await readFile(pkg, 'utf8')).toBe(ORIGINAL);
  });

  it('puts the file back when the publish is stopped with SIGTERM', { timeout: 30_000 }, async () => {
    const { dir, data, pkg } = await project();
    const child = await publishInChild(dir, data);
    expect(await readFile(pkg, 'utf8')).toContain('"checks"');
    child.kill('SIGTERM');
    const [, signal] = await once(child, 'exit');
    expect(signal).toBe('SIGTERM');
    expect(await readFile(pkg, 'utf8')).toBe(ORIGINAL);
  });

  it('after a kill -9, the next publish puts the file back first and says so', { timeout: 30_000 }, async () => {
    const { dir, data, pkg } = await project();
    const child = await publishInChild(dir, data);
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(await readFile(pkg, 'utf8')).toContain('"checks"');
    const recoveries: Recovery[] = [];
    const during = await withRecordedChecks(
      dir,
      CHECKED,
      data,
      () => readFile(pkg, 'utf8'),
      (r) => recoveries.push(r),
    );
    expect(recoveries).toEqual([{ kind: 'restored', path: pkg }]);
    expect(JSON.parse(during).mova.checks).toEqual(CHECKED);
    expect(await readFile(pkg, 'utf8')).toBe(ORIGINAL);
  });

  it('after a kill -9, keeps edits made since and only reports them', { timeout: 30_000 }, async () => {
    const { dir, data, pkg } = await project();
    const child = await publishInChild(dir, data);
    child.kill('SIGKILL');
    await once(child, 'exit');
    const edited = (await readFile(pkg, 'utf8')).replace('1.0.0', '1.0.1');
    await writeFile(pkg, edited);
    const recoveries: Recovery[] = [];
    await withRecordedChecks(
      dir,
      { skipped: true },
      data,
      async () => {},
      (r) => recoveries.push(r),
    );
    expect(recoveries).toEqual([{ kind: 'edited-since', path: pkg }]);
    expect(await readFile(pkg, 'utf8')).toBe(edited);
  });
});
