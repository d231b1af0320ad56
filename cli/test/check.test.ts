import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Registry } from '@mova/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../runtime/test/helpers.js';
import { GREETER, publishGreeter, startTestRegistry } from '../../runtime/test/registry-support.js';
import { cli } from './cli.js';
import { lockedProject, TRACKER } from './editor-support.js';
import { jsonOf } from './registry-support.js';

const GOOD = `{
  "mova": "1.0",
  "name": "good",
  "inputs": { "type": "object", "properties": { "title": { "type": "string" } } },
  "connections": { "tracker-prod": { "connector": "tracker" } },
  "steps": [
    {
      "id": "open",
      "uses": "tracker/tickets.create@^1",
      "connection": "tracker-prod",
      "with": { "queue": "ops", "title": "{{ inputs.title }}", "priority": 2 }
    }
  ]
}
`;

// Line 9: a wrong type; line 14: an action 1.2.0 does not have.
const BAD = `{
  "mova": "1.0",
  "name": "bad",
  "connections": { "tracker-prod": { "connector": "tracker" } },
  "steps": [
    {
      "id": "open",
      "uses": "tracker/tickets.create@^1",
      "connection": "tracker-prod",
      "with": { "queue": "ops", "title": "Disk full", "priority": "high" }
    },
    {
      "id": "close",
      "connection": "tracker-prod",
      "uses": "tracker/tickets.reopen@^1",
      "with": { "id": 7 }
    }
  ]
}
`;

interface Checked {
  valid: boolean;
  workflows: {
    file: string;
    valid: boolean;
    issues: { pointer: string; line: number; column: number; message: string }[];
  }[];
}

describe('mova-connector check: every workflow against the lockfile, for CI', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let project: string;
  const env = () => ({ MOVA_DATA_DIR: join(dir.path, 'data') });

  beforeAll(async () => {
    dir = await tempDir('mova-cli-check-');
    project = join(dir.path, 'project');
    await mkdir(join(project, 'flows'), { recursive: true });
    await lockedProject(project, join(dir.path, 'data'));
    await writeFile(join(project, 'flows', 'good.json'), GOOD);
    await writeFile(join(project, 'flows', 'bad.json'), BAD);
    // Not a workflow: a JSON file without "mova" is left alone.
    await writeFile(join(project, 'flows', 'fixture.json'), '{ "title": 1 }\n');
  }, 60_000);
  afterAll(async () => {
    await dir?.remove();
  });

  it('passes the good workflow and locates every problem of the bad one (file:line:column)', async () => {
    const result = await cli(['check'], project, env());
    expect(result.code, result.stderr).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^flows\/bad\.json:10:55: \/steps\/0\/with\/priority must be integer \(input of @mova\/connector-tracker@1\.2\.0 tickets\.create\)/,
      ),
      expect.stringMatching(
        /^flows\/bad\.json:15:7: \/steps\/1\/uses @mova\/connector-tracker@1\.2\.0 has no action "tickets\.reopen" \(Did you mean "tickets\.create"/,
      ),
    ]);
    expect(result.stdout).toContain('1 of 2 workflow(s) invalid against mova.lock.json: 2 problem(s)');
  });

  it('prints GitHub annotations with --format github', async () => {
    const result = await cli(['check', '--format', 'github'], project, env());
    expect(result.code).toBe(1);
    const annotations = result.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations).toHaveLength(2);
    expect(annotations[0]).toMatch(
      /^::error file=flows\/bad\.json,line=10,col=55,title=mova-connector check::\/steps\/0\/with\/priority must be integer/,
    );
  });

  it('reports with --json and exits 0 when every workflow is valid', async () => {
    const failing = await cli(['check', '--json'], project, env());
    expect(failing.code).toBe(1);
    const report = jsonOf<Checked>(failing);
    expect(report.valid).toBe(false);
    expect(report.workflows.map((w) => [w.file, w.valid, w.issues.length])).toEqual([
      ['flows/bad.json', false, 2],
      ['flows/good.json', true, 0],
    ]);
    expect(report.workflows[0]?.issues[0]).toMatchObject({ pointer: '/steps/0/with/priority', line: 10, column: 55 });

    const good = join(dir.path, 'good-only');
    await mkdir(good, { recursive: true });
    await lockedProject(good, join(dir.path, 'data'));
    await writeFile(join(good, 'good.json'), GOOD);
    const passing = await cli(['check', '--dir', good], dir.path, env());
    expect(passing.code, passing.stderr).toBe(0);
    expect(passing.stdout).toContain('1 workflow(s) valid against good-only/mova.lock.json');
  });

  it('locates a JSON syntax error in a workflow file', async () => {
    const broken = join(dir.path, 'broken');
    await mkdir(broken, { recursive: true });
    await writeFile(join(broken, 'flow.json'), '{\n  "mova": "1.0",\n  "name": "x"\n  "steps": []\n}\n');
    const result = await cli(['check', '--dir', broken], dir.path, env());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^broken\/flow\.json:4:3: the workflow is not valid JSON/);
  });

  it('refuses a range the lockfile does not lock, and a locked version missing from the store, without the network', async () => {
    const other = join(dir.path, 'unlocked');
    await mkdir(other, { recursive: true });
    await lockedProject(other, join(dir.path, 'data'));
    await writeFile(join(other, 'flow.json'), GOOD.replace('tracker/tickets.create@^1', 'tracker/tickets.create@^2'));
    const unlocked = await cli(['check'], other, env());
    expect(unlocked.code).toBe(1);
    expect(unlocked.stderr).toContain(
      `flow.json:9:7: /steps/0/uses mova.lock.json does not lock ${TRACKER}@^2 (it locks 1.2.0)`,
    );

    const empty = await cli(['check'], project, { MOVA_DATA_DIR: join(dir.path, 'empty-data') });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain(`${TRACKER}@1.2.0 (locked in mova.lock.json) is not in the connector store`);
  });
});

describe('mova-connector check --fetch: a fresh CI machine with only the checkout', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let registry: Registry;
  let project: string;

  beforeAll(async () => {
    dir = await tempDir('mova-cli-check-fetch-');
    let npmrc: string;
    ({ registry, npmrc } = await startTestRegistry(dir.path));
    await publishGreeter(dir.path, registry, npmrc, '1.0.0', ['hello', 'bye']);
    project = join(dir.path, 'project');
    await mkdir(project, { recursive: true });
    await writeFile(
      join(project, 'hello.json'),
      JSON.stringify({
        mova: '1.0',
        name: 'hello',
        steps: [{ id: 'hi', uses: 'greeter/greet.hello@^1', with: { name: 'Ada' } }],
      }),
    );
    const installed = await mova(['install'], 'developer');
    expect(installed.code, installed.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await registry?.close();
    await dir?.remove();
  });

  /** The CLI with this suite's registry and config and a data dir of its own per machine. */
  function mova(args: string[], machine: string) {
    return cli(args, project, {
      MOVA_REGISTRY: registry.url,
      MOVA_REGISTRY_TOKEN: undefined,
      MOVA_CONFIG: join(dir.path, 'movarc'),
      MOVA_DATA_DIR: join(dir.path, machine),
    });
  }

  it('downloads what mova.lock.json pins with --fetch, and refuses to without it', async () => {
    const offline = await mova(['check'], 'ci-offline');
    expect(offline.code).toBe(1);
    expect(offline.stderr).toContain(`${GREETER}@1.0.0 (locked in mova.lock.json) is not in the connector store`);
    expect(offline.stderr).toContain('Add --fetch to download the locked versions');

    const fetched = await mova(['check', '--fetch', '--format', 'github'], 'ci');
    expect(fetched.code, fetched.stderr).toBe(0);
    expect(fetched.stdout).toContain('1 workflow(s) valid against mova.lock.json');
    // Stored on the CI machine now: an offline check there passes.
    const again = await mova(['check'], 'ci');
    expect(again.code, again.stderr).toBe(0);
  });
});
