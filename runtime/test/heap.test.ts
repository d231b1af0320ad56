import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFixture } from './child-script.js';

let child: string;
beforeAll(async () => {
  child = await bundleFixture('heap-child');
});
afterAll(() => rm(child, { force: true }));

describe('runtime.run() memory (issue 13, item 8)', () => {
  it('keeps the heap flat over 3,000 runs of a freshly parsed workflow', { timeout: 120_000 }, async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', child, '3000'], {
      timeout: 110_000,
    });
    const figures = JSON.parse(stdout) as { before: number; after: number; perRun: number };
    // Before the fix every run kept a compiled inputs schema: ~4.5 KB a run, 13 MB here.
    expect(figures.after - figures.before, JSON.stringify(figures)).toBeLessThan(1024 * 1024);
  });
});
