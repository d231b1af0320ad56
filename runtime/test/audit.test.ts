import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../src/audit/audit-log.js';
import { buildFixtureManifests, tempDir, testRuntime, workflow } from './helpers.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let audit: AuditLog;
let t: Awaited<ReturnType<typeof testRuntime>>;

beforeAll(async () => {
  await buildFixtureManifests();
  dir = await tempDir('mova-audit-');
  audit = new AuditLog(join(dir.path, 'data'), { actor: 'ada' });
  t = await testRuntime({ audit });
});
afterAll(async () => {
  await t.cleanup();
  await audit.close();
  await dir.remove();
});

describe('runs in the audit log', () => {
  it('records run.started, connection.used and run.finished by the actor, before the run resolves', async () => {
    const flow = workflow(
      [
        {
          id: 'call',
          uses: 'tools/flaky.call@1',
          connection: 'tools',
          with: { id: `audit-${Date.now()}`, failures: 0, kind: 'transient' },
        },
      ],
      { name: 'audited', connections: { tools: { connector: 'tools' } } },
    );
    const result = await t.runtime.run(flow, {}, { actor: 'webhook:github' });
    const failed = await t.runtime.run(workflow([{ id: 'stop', fail: { message: 'no' } }], { name: 'stops' }));
    const { entries } = await audit.list();
    expect(entries.map((e) => [e.action, e.subject, e.actor, e.details])).toEqual([
      ['run.started', 'audited', 'webhook:github', { runId: result.runId }],
      ['connection.used', 'tools', 'webhook:github', { runId: result.runId, workflow: 'audited', connector: 'tools' }],
      [
        'run.finished',
        'audited',
        'webhook:github',
        { runId: result.runId, status: 'completed', durationMs: expect.any(Number) },
      ],
      ['run.started', 'stops', 'ada', { runId: failed.runId }],
      ['run.finished', 'stops', 'ada', { runId: failed.runId, status: 'failed', durationMs: expect.any(Number) }],
    ]);
  });
});
