import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileRunStore, type RunRecord } from '@mova/runtime';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { BIN, cli, expectOneLineError } from './cli.js';

/** No run store or retention from the developer's shell. */
const ENV = { MOVA_RUN_STORE: undefined, MOVA_RUN_RETENTION: undefined, MOVA_DATA_DIR: undefined };

const FLOW = {
  mova: '1.0',
  name: 'stamped',
  inputs: { type: 'object' },
  steps: [
    { id: 'stamp', set: '{{ $millis() }}' },
    { id: 'pause', wait: { duration: '3s' } },
    { id: 'done', set: '{{ steps.stamp.output }}' },
  ],
};

describe('mova-connector runs resume', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mova-e2e-resume-'));
    await writeFile(join(root, 'flow.json'), JSON.stringify(FLOW));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('resumes a run killed with -9 from its last completed step, and refuses an ended one', {
    timeout: 120_000,
  }, async ({ expect }) => {
    const data = join(root, 'data');
    const child = spawn(process.execPath, [BIN, 'run', 'flow.json', '--data-dir', data], {
      cwd: root,
      env: { ...process.env, ...ENV, NO_COLOR: '1' },
      stdio: 'ignore',
    });
    // Wait until the run is in its wait step, then kill the process the hard way.
    let running: RunRecord | undefined;
    for (let i = 0; i < 600 && !running; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const store = new FileRunStore(data);
      const [summary] = await store.listRuns({ limit: 1 });
      const run = summary && (await store.getRun(summary.id));
      await store.close();
      if (run?.steps.some((s) => s.key === 'pause' && s.status === 'running')) running = run;
    }
    if (!running) throw new Error('the run never got to its wait step');
    const closed = once(child, 'close');
    child.kill('SIGKILL');
    await closed;
    const stamp = running.steps.find((s) => s.key === 'stamp')?.output;

    const resumed = await cli(['runs', 'resume', running.id, '--data-dir', data, '--json'], root, ENV);
    expect(resumed.code, resumed.stderr).toBe(0);
    const record = JSON.parse(resumed.stdout) as RunRecord;
    expect(record).toMatchObject({ id: running.id, status: 'completed', output: stamp });
    // The stamp step was replayed from the record: its output is the one from before the kill.
    expect(record.steps.map((s) => [s.key, s.status])).toEqual([
      ['stamp', 'completed'],
      ['pause', 'completed'],
      ['done', 'completed'],
    ]);

    const again = await cli(['runs', 'resume', running.id, '--data-dir', data], root, ENV);
    expectOneLineError(
      again,
      1,
      new RegExp(`^Error: run ${running.id} is completed: .* \\(It has ended; start a new run instead\\.\\)$`),
      expect,
    );
    const unknown = await cli(['runs', 'resume', 'no-such-run', '--data-dir', data, '--json'], root, ENV);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout)).toEqual({
      error: {
        code: 'E_RUN_NOT_FOUND',
        message: 'there is no run no-such-run',
        hint: 'List runs with `mova-connector runs`.',
        exitCode: 1,
      },
    });
  });
});
