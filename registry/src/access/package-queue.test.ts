import { describe, expect, it } from 'vitest';
import { PackageQueue } from './package-queue.js';

describe('PackageQueue', () => {
  it('lets one holder in per package at a time, in arrival order, and others through at once', async () => {
    const queue = new PackageQueue();
    const order: string[] = [];
    const first = await queue.acquire('a');
    const second = queue.acquire('a').then((release) => {
      order.push('a2');
      return release;
    });
    const other = await queue.acquire('b');
    order.push('b');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(['b']);
    first();
    (await second)();
    other();
    expect(order).toEqual(['b', 'a2']);
    const again = await queue.acquire('a');
    again();
  });
});
