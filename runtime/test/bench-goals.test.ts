import { describe, expect, it } from 'vitest';
import { GOALS, goalsTable, judge, N8N_MISSING } from '../bench/lib/goals.mjs';

describe('bench goals', () => {
  it('judges a figure against its goal, at the limit included, and says when there is none', () => {
    expect(judge(10_000, '>=', 10_000)).toBe('met');
    expect(judge(9_999, '>=', 10_000)).toBe('MISSED');
    expect(judge(50, '<=', 50)).toBe('met');
    expect(judge(2000, '<', 2000)).toBe('MISSED');
    expect(judge(undefined, '<=', 50)).toBe('not measured');
    expect(judge(Number.NaN, '<=', 50)).toBe('not measured');
  });

  it('compares the webhook with the Node floor measured in the same run, and says n8n was not measured', () => {
    const rows = GOALS.webhook?.({
      n8n: null,
      rows: [
        { target: 'plain Node http floor', c: 16, reqS: 10_000, p99Ms: 1, errors: 0, rssMb: 50 },
        { target: 'MOVA serve, file store', c: 16, reqS: 2_500, p99Ms: 9, errors: 0, rssMb: 120 },
        { target: 'MOVA serve, SQLite store', c: 16, reqS: 1_500, p99Ms: 9, errors: 0, rssMb: 120 },
      ],
    });
    expect(rows?.map((r) => [r.ratio, r.verdict])).toEqual([
      ['0.25×', 'met'],
      ['0.15×', 'MISSED'],
      ['', 'not measured'],
    ]);
    expect(rows?.[2]?.measured).toBe(N8N_MISSING);
  });

  it('does not judge a registry restart over fewer connectors than the goal names', () => {
    const figures = { cachedMs: 300, rereadMs: 3000, searchMs: 3, pingMs: 1 };
    expect(GOALS.registry?.({ ...figures, connectors: 100 })[0]?.verdict).toBe('not measured');
    expect(GOALS.registry?.({ ...figures, connectors: 1000 })[0]?.verdict).toBe('met');
  });

  it('judges warm worker sandboxes on RSS and shows process sandboxes beside them', () => {
    const rows = GOALS.rss?.({
      sandboxes: 4,
      rows: [
        { variant: 'raw Worker', isolation: 'worker', connector: null, mb: 8 },
        { variant: 'worker: github', isolation: 'worker', connector: 'github', mb: 31 },
        { variant: 'raw fork', isolation: 'process', connector: null, mb: 40 },
        { variant: 'process, weak: github', isolation: 'process', connector: 'github', mb: 48 },
      ],
    });
    expect(rows?.map((r) => r.verdict)).toEqual(['MISSED', 'info']);
    expect(goalsTable((rows ?? []).map((r) => ({ part: 'rss', ...r })))).toContain('raw Worker 8.00 MB');
  });
});
