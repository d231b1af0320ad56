import { describe, expect, it } from 'vitest';
import { collect, gidOf } from './shapes.js';

describe('shapes', () => {
  it('turns numeric IDs into GIDs and leaves GIDs alone', () => {
    expect(gidOf('Order', '450789469')).toBe('gid://shopify/Order/450789469');
    expect(gidOf('Order', 'gid://shopify/Order/450789469')).toBe('gid://shopify/Order/450789469');
  });

  it('follows endCursor until maxResults, asking only for what is still needed', async () => {
    const asked: [number, string | undefined][] = [];
    const result = await collect(25, undefined, 10, async (first, after) => {
      asked.push([first, after]);
      const start = Number(after ?? 0);
      return {
        nodes: Array.from({ length: first }, (_, i) => start + i),
        pageInfo: { hasNextPage: true, endCursor: String(start + first) },
      };
    });
    expect(asked).toEqual([
      [10, undefined],
      [10, '10'],
      [5, '20'],
    ]);
    expect(result.nodes).toHaveLength(25);
    expect(result.pageInfo).toEqual({ hasNextPage: true, endCursor: '25' });
  });
});
