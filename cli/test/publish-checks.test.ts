import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConnectorEntry } from '@mova/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishSummary } from '../src/commands/publish.js';
import { expectOneLineError, problemLines } from './cli.js';
import { jsonOf, packumentOf, type RegistrySandbox, registrySandbox, setVersion } from './registry-support.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

const INDEX = `import { Auth, defineAction, defineConnector, Type } from '@mova/sdk';

export const shout = defineAction({
  key: 'text.shout',
  title: 'Shout',
  description: 'Upper-cases a text, as often as asked.',
  input: Type.Object({
    text: Type.String({ description: 'What to shout' }),
    times: Type.Integer({ minimum: 1, default: 1, description: 'How often' }),
  }),
  output: Type.Object({ text: Type.String() }),
  // No "times": it has a default, and the example need not repeat it.
  examples: [{ input: { text: 'hey' }, output: { text: 'HEY' } }],
  async run({ input }) {
    return { text: input.text.toUpperCase().repeat(input.times) };
  },
});

export default defineConnector({
  name: 'shout',
  title: 'Shout',
  description: 'Shouts texts.',
  categories: ['developer-tools'],
  auth: Auth.none(),
  actions: [shout],
});
`;

const TEST = `import { expect, it } from 'vitest';
import { shout } from './index.js';

it('shouts', () => {
  expect(shout.key).toBe('text.shout');
});
`;

/**
 * A third party's connector package outside the repo, with its own typecheck and tests: the SDK,
 * TypeScript and vitest come from the repo's installs, linked in as npm would install them.
 */
async function writeShout(root: string): Promise<string> {
  const dir = join(root, 'shout');
  await mkdir(join(dir, 'src'), { recursive: true });
  await mkdir(join(dir, 'node_modules', '@mova'), { recursive: true });
  await mkdir(join(dir, 'node_modules', '@types'), { recursive: true });
  await symlink(join(REPO, 'sdk'), join(dir, 'node_modules', '@mova', 'sdk'), 'dir');
  await symlink(join(REPO, 'node_modules', 'typescript'), join(dir, 'node_modules', 'typescript'), 'dir');
  await symlink(join(REPO, 'node_modules', 'vitest'), join(dir, 'node_modules', 'vitest'), 'dir');
  await symlink(join(REPO, 'node_modules', '@types', 'node'), join(dir, 'node_modules', '@types', 'node'), 'dir');
  const pkg = {
    name: '@acme/connector-shout',
    version: '1.0.0',
    type: 'module',
    license: 'MIT',
    keywords: ['mova-connector'],
    main: './dist/connector.mjs',
    files: ['dist', 'mova.manifest.json', 'README.md'],
    scripts: { test: 'vitest run' },
  };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const compilerOptions = {
    strict: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    skipLibCheck: true,
    noEmit: true,
  };
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }, null, 2));
  await writeFile(join(dir, 'src', 'index.ts'), INDEX);
  await writeFile(join(dir, 'src', 'shout.test.ts'), TEST);
  return dir;
}

// publish runs the package's typecheck and tests before anything is sent, and records what ran.
describe('publish runs the typecheck and tests first, and records them', () => {
  let sandbox: RegistrySandbox;
  let shout: string;
  beforeAll(async () => {
    sandbox = await registrySandbox('publish-checks', []);
    shout = await writeShout(sandbox.root);
    const login = await sandbox.run(['login', '--registry', sandbox.registry.url, '-u', 'acme', '-p', 'acme-pw-12']);
    expect(login.code, login.stderr).toBe(0);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('publishes after both passed; the package and the marketplace record the tests that ran', async () => {
    const result = await sandbox.run(['publish', '--dir', shout]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Running the typecheck and tests... done');
    expect(result.stdout).toContain('  checks     typecheck passed, 1 tests in 1 files passed\n');
    const checks = { skipped: false, typecheck: 'passed', testFiles: 1, tests: 1 };
    const packument = await packumentOf(sandbox.registry, '@acme/connector-shout');
    expect(packument?.versions['1.0.0']?.mova).toEqual({ checks });
    // Only the published copy carries the record.
    expect(JSON.parse(await readFile(join(shout, 'package.json'), 'utf8')).mova).toBeUndefined();
    await sandbox.registry.indexed();
    const entry = jsonOf<ConnectorEntry>(await sandbox.run(['info', '@acme/connector-shout', '--json']));
    expect(entry.checks).toEqual(checks);
    expect(entry.qualityCriteria.find((c) => c.key === 'tests')).toMatchObject({
      points: 15,
      detail: '1 tests in 1 test files ran and passed when this version was published.',
    });
    // "times" has a default: optional in the manifest, though TypeBox lists it as required.
    expect(entry.actions[0]?.input.required).toEqual(['text']);
  });

  it('refuses to publish when a test fails, naming the file', async () => {
    await setVersion(shout, '1.0.1');
    const test = join(shout, 'src', 'shout.test.ts');
    await writeFile(test, TEST.replace("toBe('text.shout')", "toBe('text.whisper')"));
    expectOneLineError(
      await sandbox.run(['publish', '--dir', shout]),
      1,
      /^Error: 1 of 1 tests failed \(in src\/shout\.test\.ts\), so nothing was published \(See them with `mova-connector test`\. Fix it and publish again, or publish with --skip-checks/,
    );
    await writeFile(test, TEST);
  });

  it('refuses to publish on a type error, located by file, line and column', async () => {
    const index = join(shout, 'src', 'index.ts');
    await writeFile(index, INDEX.replace('.repeat(input.times)', '.repeat(input.text)'));
    const result = await sandbox.run(['publish', '--dir', shout]);
    expect(result.code).toBe(1);
    expect(problemLines(result)).toEqual([
      expect.stringMatching(/^src\/index\.ts:15:\d+: error TS2345: Argument of type 'string' is not assignable/),
      expect.stringMatching(
        /^tsconfig\.json: the typecheck failed, so nothing was published \(Fix it and publish again/,
      ),
    ]);
    await writeFile(index, INDEX);
  });

  it('--skip-checks publishes without running them, and says so in the package', async () => {
    await writeFile(join(shout, 'src', 'shout.test.ts'), TEST.replace("toBe('text.shout')", "toBe('nope')"));
    const published = jsonOf<PublishSummary>(await sandbox.run(['publish', '--dir', shout, '--skip-checks', '--json']));
    expect(published).toMatchObject({ version: '1.0.1', checks: { skipped: true } });
    const packument = await packumentOf(sandbox.registry, '@acme/connector-shout');
    expect(packument?.versions['1.0.1']?.mova).toEqual({ checks: { skipped: true } });
  });
});
