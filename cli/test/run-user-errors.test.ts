import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { cli, expectOneLineError, problemLines } from './cli.js';

const GREET = {
  mova: '1.0',
  name: 'greet',
  inputs: {
    type: 'object',
    properties: { name: { type: 'string' }, times: { type: 'integer' }, options: { type: 'object' } },
    required: ['name'],
  },
  steps: [{ id: 'hello', set: 'Hello {{ inputs.name }}' }],
};

// Two mistakes the schema lets through and the deeper checks catch: a step read before it runs,
// and an expression that does not compile.
const INVALID = {
  mova: '1.0',
  name: 'broken',
  inputs: { type: 'object' },
  steps: [
    { id: 'first', set: '{{ steps.second.output }}' },
    { id: 'second', set: '{{ 1 + }}' },
  ],
};

// Mistakes in the workflow, its inputs and run ids: each a located line, a non-zero exit, no stack trace.
// Each case has a data dir of its own. They run one after another: each spawns a CLI process, and
// the other end-to-end suites (npm installs, vitest) need the cores more.
describe('run and runs: user mistakes', () => {
  let root: string;
  const env = (name: string) => ({ MOVA_DATA_DIR: join(root, `data-${name}`), MOVA_RUN_STORE: undefined });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mova-e2e-run-errors-'));
    await writeFile(join(root, 'greet.json'), JSON.stringify(GREET, null, 2));
    await writeFile(join(root, 'invalid.json'), JSON.stringify(INVALID, null, 2));
    await writeFile(join(root, 'broken.json'), '{\n  "mova": "1.0",\n  "name": "x"\n  "steps": []\n}\n');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('a workflow file that does not exist', async ({ expect }) => {
    const result = await cli(['run', 'missing.json'], root, env('missing'));
    expectOneLineError(result, 2, /^Error: missing\.json: no such workflow file \(Check the path\.\)$/, expect);
  });

  it("no workflow file at all: the same one line as every usage mistake, from oclif's required arg", async ({
    expect,
  }) => {
    const result = await cli(['run'], root, env('none'));
    expectOneLineError(
      result,
      2,
      /^Error: missing WORKFLOW: the workflow file \(JSON\) \(e\.g\. mova-connector run flows\/hello\.json --input name=Ada; see `mova-connector run --help`\.\)$/,
      expect,
    );
  });

  it('other usage mistakes oclif finds print the same way', async ({ expect }) => {
    expectOneLineError(
      await cli(['runs', 'show'], root, env('usage')),
      2,
      /^Error: missing ID: the run id as `runs` lists it, or a unique start of it \(e\.g\. mova-connector runs show .*; see `mova-connector runs show --help`\.\)$/,
      expect,
    );
    expectOneLineError(
      await cli(['run', 'greet.json', '--nope'], root, env('usage')),
      2,
      /^Error: nonexistent flag: --nope \(e\.g\. .*; see `mova-connector run --help`\.\)$/,
      expect,
    );
    expectOneLineError(
      await cli(['search', 'a', 'b'], root, env('usage')),
      2,
      /^Error: unexpected argument: b \(e\.g\. mova-connector search issue; see `mova-connector search --help`\.\)$/,
      expect,
    );
    const json = await cli(['info', '--json'], root, env('usage'));
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        code: 'E_USAGE',
        message: 'missing CONNECTOR: github (for @mova/connector-github) or a package name',
        hint: 'e.g. mova-connector info github; see `mova-connector info --help`.',
        exitCode: 2,
      },
    });
  });

  it('runs show takes a unique start of a run id, and lists the runs an ambiguous one names', async ({ expect }) => {
    const data = env('prefix');
    const ids: string[] = [];
    for (let i = 0; i < 12 && new Set(ids.map((id) => id[0])).size === ids.length; i++) {
      const ran = await cli(['run', 'greet.json', '-i', 'name=Ada', '--json'], root, data);
      expect(ran.code, ran.stderr).toBe(0);
      ids.push(JSON.parse(ran.stdout).id);
    }
    // Run until two ids share their first character: that character names both.
    const first = ids.at(-1) ?? '';
    const twin = ids.find((id) => id !== first && id[0] === first[0]) ?? '';
    expect(twin, 'twelve runs without two ids sharing a first character').not.toBe('');
    const unique = first.slice(0, [...first].findIndex((c, i) => twin[i] !== c) + 1);
    const shown = await cli(['runs', 'show', unique, '--json'], root, data);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout).id).toBe(first);
    const ambiguous = await cli(['runs', 'show', first.slice(0, 1)], root, data);
    expectOneLineError(
      ambiguous,
      2,
      new RegExp(
        `^Error: "${first[0]}" is the start of \\d+ run ids: .*\\(Give more of the id, enough to name one run\\.\\)$`,
      ),
      expect,
    );
    expect(ambiguous.stderr).toContain(`${first} (greet, `);
    expect(ambiguous.stderr).toContain(`${twin} (greet, `);
  });

  it('invalid JSON, located by line and column', async ({ expect }) => {
    const result = await cli(['run', 'broken.json'], root, env('broken'));
    expectOneLineError(
      result,
      2,
      /^Error: broken\.json:4:3: not valid JSON: .+ \(Fix the JSON syntax at that spot\.\)$/,
      expect,
    );
  });

  it('an invalid workflow: every problem on a line of its own, exit 1, and no run recorded', async ({ expect }) => {
    const result = await cli(['run', 'invalid.json'], root, env('invalid'));
    expect(result.code, result.stderr).toBe(1);
    expect(problemLines(result)).toEqual([
      expect.stringMatching(/^invalid\.json#\/steps\/0\/set: reads steps\.second, .+ \(.+\)$/),
      expect.stringMatching(/^invalid\.json#\/steps\/1\/set: has an invalid expression .+ \(.+\)$/),
    ]);
    expect(result.stdout + result.stderr).not.toMatch(/^\s+at /m);
    const runs = await cli(['runs', '--json'], root, env('invalid'));
    expect(JSON.parse(runs.stdout)).toEqual([]);
  });

  it('an invalid workflow with --json: the issues as JSON on stdout', async ({ expect }) => {
    const result = await cli(['run', 'invalid.json', '--json'], root, env('invalid-json'));
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        code: 'E_FAILED',
        message: 'the workflow is invalid',
        exitCode: 1,
        issues: [
          expect.objectContaining({ file: 'invalid.json', pointer: '/steps/0/set', hint: expect.any(String) }),
          expect.objectContaining({ file: 'invalid.json', pointer: '/steps/1/set', hint: expect.any(String) }),
        ],
      },
    });
  });

  it('an --input the workflow does not take lists the ones it does', async ({ expect }) => {
    const result = await cli(['run', 'greet.json', '--input', 'nmae=Ada'], root, env('unknown-input'));
    expectOneLineError(
      result,
      2,
      /^Error: --input nmae: "nmae" is not an input of this workflow \(Its inputs: name, times, options\.\)$/,
      expect,
    );
  });

  it('an --input that does not fit its type names the type and shows an example', async ({ expect }) => {
    const result = await cli(['run', 'greet.json', '-i', 'name=Ada', '-i', 'times=often'], root, env('bad-type'));
    expectOneLineError(
      result,
      2,
      /^Error: --input times: "often" is not an integer \(.*e\.g\. --input times=3\.\)$/,
      expect,
    );
  });

  it('an object --input that is not JSON', async ({ expect }) => {
    const result = await cli(['run', 'greet.json', '-i', 'name=Ada', '-i', 'options={a:1}'], root, env('bad-json'));
    expectOneLineError(result, 2, /^Error: --input options: "\{a:1\}" is not a JSON object \(/, expect);
  });

  it('an --input without a value', async ({ expect }) => {
    const result = await cli(['run', 'greet.json', '--input', 'name'], root, env('no-value'));
    expectOneLineError(result, 2, /^Error: --input "name" is not name=value \(Write --input name=value\.\)$/, expect);
  });

  it('a required input left out says how to pass it', async ({ expect }) => {
    const result = await cli(['run', 'greet.json'], root, env('required'));
    expectOneLineError(
      result,
      2,
      /^inputs#\/name: is required \(Pass --input name=<value> or put "name" in --input-file\.\)$/,
      expect,
    );
  });

  it('an --input-file with an input the workflow does not take', async ({ expect }) => {
    await writeFile(join(root, 'extra.json'), JSON.stringify({ name: 'Ada', colour: 'red' }));
    const result = await cli(['run', 'greet.json', '--input-file', 'extra.json'], root, env('extra'));
    expectOneLineError(result, 2, /^Error: extra\.json: "colour" is not an input of this workflow \(/, expect);
  });

  it('a --store that is not a PostgreSQL URL', async ({ expect }) => {
    const result = await cli(['run', 'greet.json', '--store', 'redis://127.0.0.1'], root, env('store'));
    expectOneLineError(result, 2, /^Error: --store must be a PostgreSQL URL, not "redis:\/\/127\.0\.0\.1" \(/, expect);
  });

  it('an --allow-host rule that could never match', async ({ expect }) => {
    const result = await cli(['run', 'greet.json', '--allow-host', '::::'], root, env('allow-host'));
    expectOneLineError(result, 2, /^Error: --allow-host "::::" is not an IPv6 address .*\(Give a host name, /, expect);
  });

  it.runIf(process.platform === 'linux')(
    'a data dir that cannot be made fails at once instead of hanging',
    async ({ expect }) => {
      const args = ['run', 'greet.json', '--input', 'name=Ada', '--data-dir', '/proc/mova-x'];
      const result = await cli(args, root, env('proc'));
      expectOneLineError(
        result,
        1,
        /^Error: cannot use the run store \/proc\/mova-x \(file store\): ENOENT.*\(Check that the data dir/,
        expect,
      );
    },
  );

  it('runs show with an unknown id says where the ids are listed', async ({ expect }) => {
    const result = await cli(['runs', 'show', '0b8f3c1e-5d2a-4c4e-9a57-3f1d2e4b6a70'], root, env('unknown-id'));
    expectOneLineError(
      result,
      2,
      /^Error: no run "0b8f3c1e-5d2a-4c4e-9a57-3f1d2e4b6a70" in .*data-unknown-id \(file store\) \(List the runs and their ids with `mova-connector runs`/,
      expect,
    );
  });

  it('runs show with an id that is a path does not read outside the store', async ({ expect }) => {
    const result = await cli(['runs', 'show', '../../etc/passwd'], root, env('path-id'));
    expectOneLineError(result, 2, /^Error: no run "\.\.\/\.\.\/etc\/passwd" in /, expect);
  });
});
