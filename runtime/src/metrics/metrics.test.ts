import { describe, expect, it } from 'vitest';
import type { StepRef } from '../events.js';
import { createMetrics } from './metrics.js';

const uses: StepRef = { key: 'send', id: 'send', pointer: '/steps/0', kind: 'uses' };
const set: StepRef = { key: 'v', id: 'v', pointer: '/steps/1', kind: 'set' };
const labels = { workflow: 'notify', connector: '@mova/connector-slack@1.4.2', action: 'chat.postMessage' };

describe('createMetrics', () => {
  it('counts runs and observes uses steps by connector, action and status', async () => {
    const metrics = createMetrics({ buckets: [0.1, 1] });
    metrics.observe({ type: 'run.started', runId: 'r1', workflow: 'notify', at: '' }, { workflow: 'notify' });
    metrics.observe({ type: 'step.completed', runId: 'r1', step: uses, output: {}, durationMs: 50 }, labels);
    metrics.observe(
      { type: 'step.failed', runId: 'r1', step: uses, error: { kind: 'transient', message: 'x' }, durationMs: 500 },
      labels,
    );
    metrics.observe(
      { type: 'step.completed', runId: 'r1', step: set, output: 1, durationMs: 1 },
      { workflow: 'notify' },
    );
    metrics.observe({ type: 'run.finished', runId: 'r1', status: 'failed', durationMs: 600 }, { workflow: 'notify' });
    const text = await metrics.metricsText();
    expect(text).toContain('mova_runs_started_total{workflow="notify"} 1');
    expect(text).toContain('mova_runs_finished_total{workflow="notify",status="failed"} 1');
    const series = '{connector="@mova/connector-slack@1.4.2",action="chat.postMessage"';
    expect(text).toContain(`mova_step_duration_seconds_bucket{le="0.1",${series.slice(1)},status="completed"} 1`);
    expect(text).toContain(`mova_step_duration_seconds_count${series},status="completed"} 1`);
    expect(text).toContain(`mova_step_duration_seconds_bucket{le="0.1",${series.slice(1)},status="failed"} 0`);
    expect(text).toContain(`mova_step_duration_seconds_bucket{le="1",${series.slice(1)},status="failed"} 1`);
    expect(text).toContain(`mova_step_duration_seconds_sum${series},status="failed"} 0.5`);
    // A set step is no connector call.
    expect(text.match(/mova_step_duration_seconds_count/g)).toHaveLength(2);
  });

  it('shows breaker states as 0 closed, 1 half-open, 2 open', async () => {
    const metrics = createMetrics();
    const breaker = { connector: 'x@1.0.0', failures: 0 };
    metrics.breaker({ ...breaker, connection: 'a', state: 'open' });
    metrics.breaker({ ...breaker, connection: 'b', state: 'half-open' });
    metrics.breaker({ ...breaker, connection: null, state: 'closed' });
    const text = await metrics.metricsText();
    expect(text).toContain('mova_breaker_state{connector="x@1.0.0",connection="a"} 2');
    expect(text).toContain('mova_breaker_state{connector="x@1.0.0",connection="b"} 1');
    expect(text).toContain('mova_breaker_state{connector="x@1.0.0",connection=""} 0');
  });

  it('keeps each instance in a registry of its own', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.observe({ type: 'run.started', runId: 'r', workflow: 'w', at: '' }, { workflow: 'w' });
    expect(await a.metricsText()).toContain('mova_runs_started_total{workflow="w"} 1');
    expect(await b.metricsText()).not.toContain('workflow="w"');
  });
});
