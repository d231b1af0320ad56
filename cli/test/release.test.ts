import { cp, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConnectorEntry } from '@mova/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, node } from './cli.js';
import { addUser, type RegistrySandbox, registrySandbox } from './registry-support.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const RELEASE = join(REPO, 'scripts', 'release.mjs');

// Two tiny connectors under a scope of their own (@acme: the first publisher claims it), with
// real actions, so the build, the manifest checks and the marketplace index all have work to do.
const upper = `import { defineAction, Type } from '@mova/sdk';

export const upper = defineAction({
  key: 'text.upper',
  title: 'Upper-case text',
  description: 'Returns the text in capital letters.',
  input: Type.Object({ text: Type.String({ description: 'Text to change' }) }),
  output: Type.Object({ text: Type.String({ description: 'The text in capitals' }) }),
  examples: [{ input: { text: 'hi' }, output: { text: 'HI' } }],
  async run({ input }) {
    return { text: input.text.toUpperCase() };
  },
});
`;
const lower = `import { defineAction, Type } from '@mova/sdk';

export const lower = defineAction({
  key: 'text.lower',
  title: 'Lower-case text',
  description: 'Returns the text in small letters.',
  input: Type.Object({ text: Type.String({ description: 'Text to change' }) }),
  output: Type.Object({ text: Type.String({ description: 'The text in small letters' }) }),
  examples: [{ input: { text: 'HI' }, output: { text: 'hi' } }],
  async run({ input }) {
    return { text: input.text.toLowerCase() };
  },
});
`;
const add = `import { defineAction, Type } from '@mova/sdk';

export const add = defineAction({
  key: 'numbers.add',
  title: 'Add two numbers',
  description: 'Returns the sum of two numbers.',
  input: Type.Object({
    a: Type.Number({ description: 'First number' }),
    b: Type.Number({ description: 'Second number' }),
  }),
  output: Type.Object({ sum: Type.Number({ description: 'a + b' }) }),
  examples: [{ input: { a: 2, b: 3 }, output: { sum: 5 } }],
  async run({ input }) {
    return { sum: input.a + input.b };
  },
});
`;

function connectorIndex(name: string, title: string, actions: string[]): string {
  const imports = actions.map((action) => `import { ${action} } from './${action}.js';`).join('\n');
  return `import { Auth, defineConnector } from '@mova/sdk';
${imports}

export default defineConnector({
  name: '${name}',
  title: '${title}',
  description: '${title} for release tests.',
  categories: ['developer-tools'],
  auth: Auth.none(),
  actions: [${actions.join(', ')}],
});
`;
}

function packageJson(name: string): string {
  const pkg = {
    name: `@acme/connector-${name}`,
    version: '1.0.0',
    description: `The ${name} release-test connector`,
    type: 'module',
    license: 'MIT',
    main: './dist/connector.mjs',
    exports: { '.': './dist/connector.mjs', './mova.manifest.json': './mova.manifest.json' },
    files: ['dist', 'mova.manifest.json', 'README.md'],
    keywords: ['mova-connector'],
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

/**
 * A monorepo checkout as `pnpm release` expects it: a pnpm workspace of connectors/*, the repo's
 * changesets config, and node_modules linked (the root's for @changesets/cli, a first-party
 * connector's for @mova/sdk) instead of installed.
 */
async function monorepo(root: string): Promise<string> {
  const dir = join(root, 'checkout');
  await writeFiles(dir, {
    'package.json': `${JSON.stringify({ name: 'acme-connectors', private: true, type: 'module' }, null, 2)}\n`,
    'pnpm-workspace.yaml': 'packages:\n  - connectors/*\n',
    'connectors/text/package.json': packageJson('text'),
    'connectors/text/src/index.ts': connectorIndex('text', 'Text tools', ['upper']),
    'connectors/text/src/upper.ts': upper,
    'connectors/numbers/package.json': packageJson('numbers'),
    'connectors/numbers/src/index.ts': connectorIndex('numbers', 'Number tools', ['add']),
    'connectors/numbers/src/add.ts': add,
  });
  await cp(join(REPO, '.changeset', 'config.json'), join(dir, '.changeset', 'config.json'));
  await cp(join(REPO, 'tsconfig.base.json'), join(dir, 'tsconfig.base.json'));
  await symlink(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const name of ['text', 'numbers']) {
    await symlink(join(REPO, 'connectors', 'http', 'node_modules'), join(dir, 'connectors', name, 'node_modules'));
  }
  return dir;
}

async function versionsOf(
  url: string,
  name: string,
): Promise<{ latest: string; versions: string[]; actions: string[] }> {
  const response = await fetch(new URL(`-/mova/v1/connectors/${encodeURIComponent(name)}`, url));
  expect(response.status, name).toBe(200);
  const entry = (await response.json()) as ConnectorEntry;
  return {
    latest: entry.latestVersion,
    versions: entry.versions.map((version) => version.version),
    actions: entry.actions.map((action) => action.key),
  };
}

describe('pnpm release (scripts/release.mjs)', () => {
  let sandbox: RegistrySandbox;
  let checkout: string;
  let env: Record<string, string | undefined>;
  const release = (args: string[] = [], extra: Record<string, string | undefined> = {}): Promise<CliResult> =>
    node([RELEASE, '--root', checkout, ...args], checkout, { ...env, ...extra });

  beforeAll(async () => {
    sandbox = await registrySandbox('release', ['mova']);
    checkout = await monorepo(sandbox.root);
    env = {
      MOVA_CONFIG: sandbox.movarc,
      MOVA_REGISTRY: sandbox.registry.url,
      MOVA_REGISTRY_TOKEN: await addUser(sandbox.registry, 'acme'),
      npm_config_cache: join(sandbox.root, 'npm-cache'),
      NO_UPDATE_NOTIFIER: '1',
    };
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('refuses to start without a registry or a token, saying which variable to set', async () => {
    const noRegistry = await release([], { MOVA_REGISTRY: undefined });
    expect(noRegistry.code).toBe(1);
    expect(noRegistry.stderr).toMatch(/^release: no registry to publish to: set MOVA_REGISTRY/);
    const noToken = await release([], { MOVA_REGISTRY_TOKEN: undefined });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/^release: no token for http:\/\/127\.0\.0\.1:\d+\/: set MOVA_REGISTRY_TOKEN/);
    expect(noToken.stdout).not.toMatch(/changeset version/);
  });

  it('publishes both connectors at 1.0.0 on the first release', async () => {
    const result = await release();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Published 2 to http:\/\/127\.0\.0\.1:\d+\//);
    expect(result.stdout).toContain('@acme/connector-text@1.0.0 (first version)');
    expect(result.stdout).toContain('@acme/connector-numbers@1.0.0 (first version)');
    expect(result.stdout).toMatch(/Skipped 0 /);
    await sandbox.registry.indexed();
    expect(await versionsOf(sandbox.registry.url, '@acme/connector-text')).toEqual({
      latest: '1.0.0',
      versions: ['1.0.0'],
      actions: ['text.upper'],
    });
    expect((await versionsOf(sandbox.registry.url, '@acme/connector-numbers')).versions).toEqual(['1.0.0']);
  });

  it('after a minor changeset for text, publishes text 1.1.0 and skips numbers', async () => {
    await writeFiles(checkout, {
      'connectors/text/src/lower.ts': lower,
      'connectors/text/src/index.ts': connectorIndex('text', 'Text tools', ['upper', 'lower']),
      '.changeset/text-lower.md': "---\n'@acme/connector-text': minor\n---\n\nAdds text.lower.\n",
    });
    const dry = await release(['--dry-run'], { MOVA_REGISTRY_TOKEN: undefined });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/Would publish 0 /);
    expect(await readdir(join(checkout, '.changeset'))).toContain('text-lower.md');

    const result = await release();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('@acme/connector-text@1.1.0 (minor after 1.0.0)');
    expect(result.stdout).toMatch(/Skipped 1 \(already in the registry\)\n {2}@acme\/connector-numbers@1\.0\.0/);
    await sandbox.registry.indexed();
    expect(await versionsOf(sandbox.registry.url, '@acme/connector-text')).toEqual({
      latest: '1.1.0',
      versions: ['1.1.0', '1.0.0'],
      actions: ['text.upper', 'text.lower'],
    });
    expect(await versionsOf(sandbox.registry.url, '@acme/connector-numbers')).toMatchObject({
      latest: '1.0.0',
      versions: ['1.0.0'],
    });
    // changeset version consumed the changeset and wrote the changelog.
    expect(await readdir(join(checkout, '.changeset'))).toEqual(['config.json']);
    expect(await readFile(join(checkout, 'connectors', 'text', 'CHANGELOG.md'), 'utf8')).toMatch(
      /## 1\.1\.0\n\n### Minor Changes\n\n- Adds text\.lower\./,
    );
  });
});
