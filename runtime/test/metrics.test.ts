import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../src/metrics/metrics.js';
import type { Step } from '../src/workflow/types.js';
import { buildFixtureManifests, testRuntime, workflow } from './helpers.js';

const connections = { tools: { connector: 'tools' } };
const metrics = createMetrics();
let t: Awaited<ReturnType<typeof testRuntime>>;

function flaky(id: string, failures: number): Step {
  return { id: 'call', uses: 'tools/flaky.call@1', connection: 'tools', with: { id, failures, kind: 'transient' } };
}

/** Scrapes the metrics over HTTP on loopback, as Prometheus would. */
async function scrape(): Promise<{ type: string | null; text: string }> {
  const server = createServer((req, res) => (req.url === '/metrics' ? metrics.handler(req, res) : res.end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    return { type: response.headers.get('content-type'), text: await response.text() };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

beforeAll(async () => {
  await buildFixtureManifests();
  t = await testRuntime({ metrics, circuitBreaker: { failures: 2 } });
});
afterAll(() => t.cleanup());

describe('metrics fed by the runtime', () => {
  it('counts runs by workflow and status, times connector steps, and shows breaker states', async () => {
    const id = `metrics-${process.pid}-${Date.now()}`;
    const ok = workflow([flaky(`${id}-ok`, 0), { id: 'v', set: { done: true } }], { name: 'good', connections });
    expect((await t.runtime.run(ok)).status).toBe('completed');
    expect((await t.runtime.run(ok)).status).toBe('completed');
    const bad = workflow([flaky(`${id}-bad`, 10)], { name: 'bad', connections });
    for (let i = 0; i < 3; i++) expect((await t.runtime.run(bad)).status).toBe('failed');

    const { type, text } = await scrape();
    expect(type).toContain('text/plain; version=0.0.4');
    expect(text).toContain('mova_runs_started_total{workflow="good"} 2');
    expect(text).toContain('mova_runs_started_total{workflow="bad"} 3');
    expect(text).toContain('mova_runs_finished_total{workflow="good",status="completed"} 2');
    expect(text).toContain('mova_runs_finished_total{workflow="bad",status="failed"} 3');
    const series = 'connector="@mova/connector-tools@1.0.0",action="flaky.call"';
    expect(text).toContain(`mova_step_duration_seconds_count{${series},status="completed"} 2`);
    // The third failed run failed fast on the open breaker; it is a failed step all the same.
    expect(text).toContain(`mova_step_duration_seconds_count{${series},status="failed"} 3`);
    expect(text).toMatch(
      new RegExp(`mova_step_duration_seconds_bucket\\{le="\\+Inf",${series},status="completed"\\} 2`),
    );
    // Only uses steps are timed: the set step is not.
    expect(text).not.toContain('action="v"');
    expect(text).toContain('mova_breaker_state{connector="@mova/connector-tools@1.0.0",connection="tools"} 2');
  });
});
