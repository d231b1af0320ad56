import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { workflowRanges } from './workflow-uses.js';

it("locks a connector trigger's range like a step's", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mova-uses-'));
  try {
    const workflow = {
      mova: '1.0',
      name: 'triage',
      trigger: { uses: 'github/issues.new@^1', connection: 'gh' },
      steps: [{ id: 'post', uses: 'slack/chat.postMessage@^1', with: { uses: 'not/a.step@1' } }],
    };
    await writeFile(join(dir, 'triage.json'), JSON.stringify(workflow));
    const ranges = await workflowRanges(dir);
    expect(ranges.map((r) => `${r.package}@${r.range}`)).toEqual([
      '@mova/connector-github@^1',
      '@mova/connector-slack@^1',
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
