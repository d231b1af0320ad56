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

  it('no workflow file at all', async ({ expect }) => {
    const result = await cli(['run'], root, env('none'));
    expectOneLineError(
      result,
      2,
      /^Error: missing the workflow file \(Pass its path, e\.g\. mova-connector run /,
      expect,
    );
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
