import fs from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Registry } from '../src/index.js';
import { addUser, publishedBody, removeDir, startTestRegistry, tempDir } from './support/registry.js';

const PACKAGES = 48;
const PUBLISHING = 8;

/**
 * Reads of files under `dir` (Verdaccio reads package documents with fs.readFile), warnings and
 * unhandled rejections, from now on. Verdaccio's log itself is out of reach: pino writes it from a
 * worker thread.
 */
function watch(dir: string): { seen: string[]; stop(): void } {
  const seen: string[] = [];
  const readFile = fs.readFile;
  vi.spyOn(fs, 'readFile').mockImplementation(((...args: unknown[]) => {
    const path = String(args[0]);
    if (path.startsWith(dir)) seen.push(`read ${path.slice(dir.length)}`);
    Reflect.apply(readFile, fs, args);
  }) as typeof fs.readFile);
  const warned = (warning: Error) => seen.push(`warning: ${warning.message}`);
  const rejected = (reason: unknown) => seen.push(`unhandled rejection: ${String(reason)}`);
  process.on('warning', warned);
  process.on('unhandledRejection', rejected);
  return {
    seen,
    stop() {
      vi.restoreAllMocks();
      process.off('warning', warned);
      process.off('unhandledRejection', rejected);
    },
  };
}

/** Lets whatever the registry left running take its turns: reads, their callbacks, their logs. */
async function letBackgroundWorkRun(): Promise<void> {
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('closing the registry', () => {
  let dir: string;
  let storage: string;
  let token: string;
  let registry: Registry | undefined;
  let watching: ReturnType<typeof watch> | undefined;

  beforeAll(async () => {
    dir = await tempDir('close');
    storage = join(dir, 'data');
    const started = await startTestRegistry(storage);
    registry = started;
    token = await addUser(started, 'alice');
    let next = 0;
    const publishers = Array.from({ length: PUBLISHING }, async () => {
      for (let i = next++; i < PACKAGES; i = next++) {
        const name = `@alice/package-${i}`;
        const { body } = await publishedBody(dir, started.url, name, '1.0.0', 'a');
        const response = await fetch(new URL(name.replace('/', '%2f'), started.url), {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
        if (response.status !== 201) throw new Error(`publish ${name}: ${response.status} ${await response.text()}`);
      }
    });
    await Promise.all(publishers);
    await started.close();
    registry = undefined;
  }, 120_000);

  afterEach(() => {
    watching?.stop();
    watching = undefined;
  });
  afterAll(async () => {
    await registry?.close();
    await removeDir(dir);
  });

  it('leaves nothing reading the data dir once close resolved, even right after a start', async () => {
    const copy = join(dir, 'copy');
    fs.cpSync(storage, copy, { recursive: true });
    const started = await startTestRegistry(copy);
    await started.close();
    watching = watch(copy);
    fs.rmSync(copy, { recursive: true, force: true });
    await letBackgroundWorkRun();
    expect(watching.seen).toEqual([]);
  });

  it('answers a publish it was receiving when close was called, and closes after', async () => {
    const started = await startTestRegistry(storage);
    registry = started;
    const name = '@alice/in-flight';
    const { body } = await publishedBody(dir, started.url, name, '1.0.0', 'a');
    const text = JSON.stringify(body);
    const url = new URL(name.replace('/', '%2f'), started.url);
    const put = request(url, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        authorization: `Bearer ${token}`,
        // The server's 100 Continue says it has the request: close is called only after that.
        expect: '100-continue',
      },
    });
    const status = new Promise<number | string>((resolve) => {
      put.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      put.on('error', (error) => resolve(error.message));
    });
    await new Promise<void>((resolve) => put.once('continue', resolve));
    const closed = started.close();
    put.end(text);
    expect(await status).toBe(201);
    await closed;
    registry = await startTestRegistry(storage);
    const stored = await fetch(new URL(name.replace('/', '%2f'), registry.url));
    expect(stored.status).toBe(200);
    expect(((await stored.json()) as { versions: Record<string, unknown> }).versions).toHaveProperty(['1.0.0']);
  });
});
