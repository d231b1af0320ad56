import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FileRunStore } from '../src/store/file-run-store.js';
import { THIS_PROCESS } from '../src/store/owner.js';
import { tempDir } from './helpers.js';

// Counts the files the store reads, to show a page reads the index and the page's logs only.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return { ...real, readFile: vi.fn(real.readFile) };
});

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.remove());

describe('FileRunStore reads what a page needs (issue 13, item 7)', () => {
  it('reads the index and the 20 logs of the page, not the 2,000 runs', { timeout: 60_000 }, async () => {
    const store = new FileRunStore(dir.path);
    for (let i = 0; i < 2000; i++) {
      const startedAt = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
      await store.createRun({
        id: randomUUID(),
        workflow: 'w',
        status: 'completed',
        inputs: { i },
        startedAt,
        owner: THIS_PROCESS,
        steps: [],
      });
    }
    const readFile = vi.mocked(fs.readFile);
    readFile.mockClear();
    const page = await store.listRuns({ limit: 20 });
    expect(page.map((r) => r.inputs)).toEqual(Array.from({ length: 20 }, (_, k) => ({ i: 1999 - k })));
    const read = readFile.mock.calls.map(([path]) => String(path));
    expect(read.filter((p) => p.endsWith('run-index.jsonl'))).toHaveLength(1);
    expect(read.filter((p) => p.startsWith(join(dir.path, 'runs')))).toHaveLength(20);
    expect(read).toHaveLength(21);
  });
});
