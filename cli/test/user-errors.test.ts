import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { cli, expectOneLineError } from './cli.js';

// Mistakes caught before anything is installed; the ones inside a built package are in
// init-database.test.ts, which has an installed package to break.
// Each case has a folder of its own, so they run side by side.
describe.concurrent('user mistakes: one located line, a non-zero exit, no stack trace', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mova-e2e-errors-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('init with an unknown template lists the known ones and writes nothing', async ({ expect }) => {
    const dir = join(root, 'unknown-template');
    const result = await cli(['init', 'acme', '--template', 'soap', '--yes', '--dir', dir], root);
    expectOneLineError(result, 2, /^Error: unknown template "soap" \(Use one of: .*sdk, database/, expect);
    expect(existsSync(dir)).toBe(false);
  });

  it('init with a name containing a space says the rule and suggests a fixed name', async ({ expect }) => {
    const result = await cli(['init', 'acme crm', '--yes', '--no-install'], root);
    expectOneLineError(
      result,
      2,
      /^Error: "acme crm" is not a valid connector name: use lower-case letters, digits and single hyphens, starting with a letter \(Try "acme-crm"\.\)$/,
      expect,
    );
  });

  it('init into a folder that holds files refuses to touch it', async ({ expect }) => {
    const dir = join(root, 'taken');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const result = await cli(['init', 'acme', '--template', 'sdk', '--yes', '--dir', dir], root);
    expectOneLineError(result, 2, /taken is not empty: it holds notes\.txt \(Pass an empty or new folder/, expect);
  });

  it('init without a name and without a terminal to ask on says how to pass it', async ({ expect }) => {
    expectOneLineError(await cli(['init', '--yes'], root), 2, /^Error: missing the connector name/, expect);
  });

  it.for(['build', 'validate', 'test', 'types'])(
    '%s in a folder that is not a connector package',
    async (command, { expect }) => {
      const dir = join(root, `empty-${command}`);
      await mkdir(dir);
      const result = await cli([command, '--dir', dir], root);
      expectOneLineError(
        result,
        2,
        new RegExp(`^Error: empty-${command} is not a connector package: it has no package.json`),
        expect,
      );
    },
  );

  it('build in a package without src/index.ts says what a connector needs', async ({ expect }) => {
    const dir = join(root, 'no-entry');
    await mkdir(dir);
    await writeFile(join(dir, 'package.json'), '{"name":"connector-x","version":"1.0.0"}');
    const result = await cli(['build', '--dir', dir], root);
    expectOneLineError(result, 2, /^Error: no-entry is not a connector package: it has no src\/index\.ts/, expect);
  });

  it('--json puts the error on stdout as JSON, with the same exit code', async ({ expect }) => {
    const result = await cli(['validate', '--dir', root, '--json'], root);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        code: 'E_USAGE',
        message: expect.stringContaining('is not a connector package'),
        hint: expect.any(String),
        exitCode: 2,
      },
    });
  });

  it('init --no-install writes the package and stops there', async ({ expect }) => {
    const dir = join(root, 'no-install');
    const result = await cli(['init', 'acme', '--template', 'database', '--yes', '--no-install', '--dir', dir], root);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(dir, 'package.json'))).toBe(true);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    expect(result.stdout).toContain('npm install');
  });

  it('a mistyped command names the one meant (outside a terminal; in one, oclif asks)', async ({ expect }) => {
    expectOneLineError(
      await cli(['bulid'], root),
      127,
      /^Error: "bulid" is not a mova-connector command \(Did you mean `mova-connector build`\? Run `mova-connector help` for the list\.\)$/,
      expect,
    );
    expectOneLineError(
      await cli(['runs', 'shwo'], root),
      127,
      /^Error: "runs shwo" is not a mova-connector command \(Did you mean `mova-connector runs show`\?/,
      expect,
    );
  });

  it('help and autocomplete come from the oclif plugins', async ({ expect }) => {
    const help = await cli(['help', 'install'], root);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Add connectors to a workflow project/);
    const autocomplete = await cli(['autocomplete', 'bash'], root, { HOME: root, XDG_CACHE_HOME: join(root, 'cache') });
    expect(autocomplete.code, autocomplete.stderr).toBe(0);
    expect(autocomplete.stdout).toContain('mova-connector autocomplete script bash');
  });
});
