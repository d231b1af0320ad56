import { describe, expect, it } from 'vitest';
import type { Workflow } from './types.js';
import { workflowUsage } from './usage.js';

function flow(steps: unknown[], output: unknown = { done: true }): Workflow {
  return { mova: '1.0', name: 'w', steps, output } as Workflow;
}

describe('workflowUsage', () => {
  it('lists the with fields a step sets and the output fields expressions read', () => {
    const [issue] = workflowUsage(
      flow([
        {
          id: 'issue',
          uses: 'github/issues.create@^2',
          with: { repo: 'a/b', meta: { labels: ['x'], who: '{{ 1 }}' } },
        },
        { id: 'log', set: { n: '#{{ steps.issue.output.number }} by {{ $steps.issue.output.user.login }}' } },
      ]),
    );
    expect(issue?.action).toBe('issues.create');
    expect(issue?.package).toBe('@mova/connector-github');
    expect(issue?.inputs).toEqual([
      { path: ['repo'], opaque: false, pointer: '/steps/0/with/repo' },
      { path: ['meta'], opaque: false, pointer: '/steps/0/with/meta' },
      { path: ['meta', 'labels'], opaque: true, pointer: '/steps/0/with/meta/labels' },
      { path: ['meta', 'who'], opaque: true, pointer: '/steps/0/with/meta/who' },
    ]);
    const reads = issue?.outputs === 'any' ? [] : (issue?.outputs ?? []);
    expect(reads.map((r) => r.path)).toEqual([['number'], ['user', 'login']]);
    const text = '#{{ steps.issue.output.number }} by {{ $steps.issue.output.user.login }}';
    const [number, user] = reads;
    expect(number?.spans.map(([a, b]) => text.slice(a, b))).toEqual(['number']);
    expect(user?.spans.map(([a, b]) => text.slice(a, b))).toEqual(['user', 'login']);
  });

  it('counts a read it cannot pin to fields as reading everything', () => {
    const usage = (expression: string) =>
      workflowUsage(
        flow([
          { id: 'a', uses: 'github/issues.get@^2', with: { n: 1 } },
          { id: 'b', set: { v: `{{ ${expression} }}` } },
        ]),
      )[0]?.outputs;
    expect(usage('steps.a.output')).toEqual([expect.objectContaining({ path: [] })]);
    expect(usage('steps.a')).toBe('any');
    expect(usage('$lookup(steps, "a")')).toBe('any');
    expect(usage('steps.a.status')).toEqual([]);
    expect(usage('steps.a.output.items[type="x"].id')).toEqual([expect.objectContaining({ path: ['items'] })]);
    expect(usage('steps.a.output.x.*')).toEqual([expect.objectContaining({ path: ['x'] })]);
  });

  it('counts the last step as read whole when the workflow declares no output', () => {
    const steps = [{ id: 'a', uses: 'github/issues.get@^2', with: '{{ inputs }}' }];
    const [a] = workflowUsage({ mova: '1.0', name: 'w', steps } as Workflow);
    expect(a?.outputs).toBe('any');
    expect(a?.inputs).toBe('any');
  });
});
