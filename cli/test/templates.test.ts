import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SearchResult } from '@mova/registry';
import type { RunRecord } from '@mova/runtime';
import { ensureService, localServices, type Manifest } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishSummary } from '../src/commands/publish.js';
import { type CliResult, cli, expectOneLineError, node } from './cli.js';
import { jsonOf, type RegistrySandbox, registrySandbox } from './registry-support.js';

const TEMPLATES = ['http', 'sdk', 'database'];
/** The package each scaffold is named: the database one under a scope, as a third party publishes it. */
const PACKAGE: Record<string, string> = {
  http: 'connector-acme',
  sdk: 'connector-acme',
  database: '@acme/connector-acme',
};

let root: string;
/** Each template's package, `<tmp>/<template>/acme`, outside the repository, once its pipeline ran. */
const packages = new Map<string, string>();
const timings: string[] = [];

async function timed(label: string, args: string[], cwd: string): Promise<CliResult> {
  const result = await cli(args, cwd);
  timings.push(`${label} ${args[0]} ${(result.ms / 1000).toFixed(1)}s`);
  return result;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mova-e2e-'));
});

afterAll(async () => {
  console.log(`[e2e timings] ${timings.join(', ')}`);
  await rm(root, { recursive: true, force: true });
});

// The templates run side by side: most of the time goes to npm install and to each package's own
// vitest, which are child processes, so running them together saves most of the wall time.
describe('a user scaffolds each template and works with it', () => {
  it.concurrent.for(TEMPLATES)(
    '%s: init --yes (with npm install), then build, validate, test and types all exit 0',
    // npm install, a build and each package's own suite (which runs the bundle through the sandbox).
    { timeout: 420_000 },
    async (template, { expect }) => {
      const dir = join(root, template, 'acme');
      const run = async (args: string[], cwd = dir) => {
        const result = await timed(template, args, cwd);
        expect(result.code, `${template}: ${args.join(' ')}\n${result.stdout}\n${result.stderr}`).toBe(0);
        return result;
      };

      const packageName = PACKAGE[template] ?? 'connector-acme';
      await run(['init', 'acme', '--template', template, '--yes', '--dir', dir, '--package', packageName], root);
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      expect(pkg).toMatchObject({
        name: packageName,
        scripts: { build: 'mova-connector build', test: 'vitest run' },
      });
      expect(existsSync(join(dir, 'node_modules', '.bin', 'mova-connector'))).toBe(true);
      expect(existsSync(join(dir, 'src', 'index.ts.tmpl'))).toBe(false);

      await run(['build']);
      const tsc = await node([join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', dir], dir);
      expect(tsc.code, `${template}: tsc --noEmit\n${tsc.stdout}`).toBe(0);
      const manifest: Manifest = JSON.parse(await readFile(join(dir, 'mova.manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ name: 'acme', package: packageName, version: '0.1.0' });
      expect(manifest.actions.length).toBeGreaterThan(0);
      for (const action of manifest.actions) {
        expect(action.input, action.key).toMatchObject({ type: 'object', properties: expect.any(Object) });
        expect(action.output, action.key).toMatchObject({ type: 'object', properties: expect.any(Object) });
      }
      const readme = await readFile(join(dir, 'README.md'), 'utf8');
      expect(readme).toMatch(/<!-- mova:reference:start -->\n## Reference: Acme\n/);
      for (const action of manifest.actions) expect(readme).toContain(`#### \`${action.key}\``);

      const validate = await run(['validate', '--json']);
      expect(JSON.parse(validate.stdout)).toEqual({ valid: true, issues: [], warnings: [] });

      const test = await run(['test', '--json']);
      const summary = JSON.parse(test.stdout);
      expect(summary).toMatchObject({ exitCode: 0, success: true, tests: { failed: 0 } });
      expect(summary.tests.passed).toBeGreaterThan(0);

      await run(['types']);
      const types = await readFile(join(dir, 'dist', 'types.d.ts'), 'utf8');
      expect(types).toContain('export interface AcmeActions');
      for (const action of manifest.actions) expect(types).toContain(JSON.stringify(action.key));

      packages.set(template, dir);
    },
  );
});

/** A connector whose one action is given by `action`: the source of a `defineAction({...})` argument. */
const connectorWith = (action: string) => `import { Auth, defineAction, defineConnector, Type } from '@mova/sdk';

const thing = defineAction(${action});

export default defineConnector({
  name: 'acme',
  title: 'Acme',
  description: 'Things at Acme.',
  categories: ['developer-tools'],
  auth: Auth.none(),
  actions: [thing],
});
`;

const brokenSchema = `{
  key: 'things.get',
  title: 'Get a thing',
  description: 'Reads a thing.',
  input: Type.Object({ id: Type.Unsafe<string>({ type: 'strin', description: 'Thing id' }) }),
  output: Type.Object({ id: Type.String({ description: 'Thing id' }) }),
  async run({ input }) {
    return { id: input.id };
  },
}`;

const withoutOutput = `{
  key: 'things.get',
  title: 'Get a thing',
  description: 'Reads a thing.',
  input: Type.Object({ id: Type.String({ description: 'Thing id' }) }),
  async run({ input }) {
    return { id: input.id };
  },
}`;

// These reuse the installed database package (the template with the fewest dependencies) rather
// than installing one of their own; each puts the file it breaks back afterwards.
describe('user mistakes in a scaffolded package: one located line, exit 1, no stack trace', () => {
  const dir = () => {
    const found = packages.get('database');
    if (!found) throw new Error('the database scaffold failed above, so there is no package to break');
    return found;
  };
  const run = (args: string[]) => timed('mistakes', args, dir());
  const replacing = async (file: string, text: string, check: () => Promise<void>) => {
    const path = join(dir(), file);
    const original = await readFile(path, 'utf8');
    await writeFile(path, text);
    try {
      await check();
    } finally {
      await writeFile(path, original);
    }
  };

  it('a README with only the start marker: build says which marker is missing and on which line', async () => {
    await replacing('README.md', '# Acme\n\n<!-- mova:reference:start -->\n', async () => {
      expectOneLineError(
        await run(['build']),
        1,
        /^Error: README\.md: has <!-- mova:reference:start --> \(line 3\) but no <!-- mova:reference:end -->/,
      );
    });
  });

  it('a broken schema in an action input: build and validate name the place in the manifest', async () => {
    await replacing('src/index.ts', connectorWith(brokenSchema), async () => {
      const place =
        /^mova\.manifest\.json#\/actions\/0\/input\/properties\/id\/type: is not a JSON Schema type \(Use one of: .*string/;
      expectOneLineError(await run(['build']), 1, place);
      expectOneLineError(await run(['validate']), 1, place);
      const json = await run(['validate', '--json']);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toEqual({
        valid: false,
        issues: [expect.objectContaining({ pointer: '/actions/0/input/properties/id/type' })],
        warnings: [],
      });
    });
  });

  it('an action without an output schema: located in the connector definition', async () => {
    await replacing('src/index.ts', connectorWith(withoutOutput), async () => {
      const place = /^src\/index\.ts#\/actions\/0\/output: "things\.get" has no output schema \(Give it `output:/;
      expectOneLineError(await run(['build']), 1, place);
      expectOneLineError(await run(['validate']), 1, place);
    });
  });

  it('validates again once the files are restored: the manifest is stale, so validate rebuilds it', async () => {
    const validate = await run(['validate']);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stderr).toContain('the source changed since the last build');
  });
});

// The loop a third-party author and a workflow author go through, with the database scaffold from
// above (outside the repo): publish it to a registry under the author's own scope, find it, install
// it into a workflow project and run a workflow with it on the local PostgreSQL, in the process
// sandbox that every connector outside @mova runs in.
describe('a third party publishes the scaffold; a workflow author installs and runs it', () => {
  let sandbox: RegistrySandbox;
  const dir = () => {
    const found = packages.get('database');
    if (!found) throw new Error('the database scaffold failed above, so there is nothing to publish');
    return found;
  };
  beforeAll(async () => {
    await ensureService(localServices.postgres);
    sandbox = await registrySandbox('third-party', []);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('publishes @acme/connector-acme as its first publisher, and search finds it', async () => {
    const url = sandbox.registry.url;
    const login = await sandbox.run(['login', '--registry', url, '-u', 'acme', '-p', 'acme-pw-12']);
    expect(login.code, login.stderr).toBe(0);
    const published = jsonOf<PublishSummary>(await sandbox.run(['publish', '--dir', dir(), '--json']));
    expect(published).toMatchObject({ name: '@acme/connector-acme', version: '0.1.0', previous: null, dryRun: false });
    await sandbox.registry.indexed();
    const found = jsonOf<SearchResult>(await sandbox.run(['search', 'acme', '--json']));
    expect(found.results.map((hit) => hit.name)).toEqual(['@acme/connector-acme']);
    expect(found.results[0]).toMatchObject({ latestVersion: '0.1.0', actionCount: 3, authKind: 'custom' });
  });

  it('installs @acme/connector-acme@^0.1 in a fresh folder and runs a workflow on it; the record names version and integrity', async () => {
    const project = join(sandbox.root, 'flows');
    await mkdir(project);
    await writeFile(join(project, 'greet.json'), JSON.stringify(GREET, null, 2));
    const installed = await sandbox.runIn(project, ['install', '@acme/connector-acme@^0.1']);
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stdout).toContain('use it     "uses": "@acme/connector-acme/query@^0.1"');
    const lock = JSON.parse(await readFile(join(project, 'mova.lock.json'), 'utf8'));
    const locked = lock.connectors['@acme/connector-acme']['0.1.0'];
    expect(locked).toMatchObject({ ranges: ['^0.1'], registry: sandbox.registry.url });

    const connection = {
      connector: '@acme/connector-acme',
      auth: { host: '127.0.0.1', user: 'postgres', database: 'test' },
    };
    const run = await sandbox.runIn(project, ['run', 'greet.json', '--input', 'name=Ada', '--json'], {
      MOVA_CONNECTION_DB: JSON.stringify(connection),
    });
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    const record = jsonOf<RunRecord>(run);
    expect(record).toMatchObject({ status: 'completed', output: { database: 'test', greeting: 'hello Ada' } });
    expect(record.steps[0]).toMatchObject({
      connector: '@acme/connector-acme@0.1.0',
      connectorIntegrity: locked.contentIntegrity,
    });
  });
});

// The dev loop: an author tries the scaffold (outside the repo, never published) in a workflow with
// `run --connector`, edits it, and runs again; what runs is always the code on disk, in the process
// sandbox it will get once installed.
describe('an author runs the scaffold in a workflow without publishing it', () => {
  let project: string;
  const dir = () => {
    const found = packages.get('database');
    if (!found) throw new Error('the database scaffold failed above, so there is nothing to run');
    return found;
  };
  const connection = JSON.stringify({
    connector: '@acme/connector-acme',
    auth: { host: '127.0.0.1', user: 'postgres', database: 'test' },
  });
  beforeAll(async () => {
    await ensureService(localServices.postgres);
    project = join(root, 'dev-loop');
    await mkdir(project, { recursive: true });
    await writeFile(join(project, 'greet.json'), JSON.stringify(GREET, null, 2));
  });

  it('runs the local build, says which, and rebuilds it after an edit', async () => {
    const args = ['run', 'greet.json', '--connector', dir(), '--input', 'name=Ada'];
    const first = await cli(args, project, { MOVA_CONNECTION_DB: connection, MOVA_DATA_DIR: join(project, 'data') });
    expect(first.code, `${first.stdout}\n${first.stderr}`).toBe(0);
    expect(first.stderr).toMatch(
      /Using the local build of @acme\/connector-acme@0\.1\.0 from .+ \((build up to date|rebuilt: [^;]+); sha512-/,
    );
    expect(first.stdout).toContain('"greeting": "hello Ada"');

    const index = join(dir(), 'src', 'index.ts');
    const later = new Date(Date.now() + 2000);
    await utimes(index, later, later);
    const again = await cli(args, project, { MOVA_CONNECTION_DB: connection, MOVA_DATA_DIR: join(project, 'data') });
    expect(again.code, `${again.stdout}\n${again.stderr}`).toBe(0);
    expect(again.stderr).toMatch(/rebuilt: the source changed since the last build; sha512-/);
    expect(again.stderr).toContain('@acme/connector-acme/query@0.1.0  completed');
    expect(again.stdout).toContain('"greeting": "hello Ada"');
  });

  it('refuses a folder that is not a connector package, saying how to make one', async () => {
    const result = await cli(['run', 'greet.json', '--connector', project], project);
    expectOneLineError(result, 2, /is not a connector package: it has no package\.json/);
  });
});

const GREET = {
  mova: '1.0',
  name: 'greet',
  inputs: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
  connections: { db: { connector: '@acme/connector-acme' } },
  steps: [
    {
      id: 'hello',
      uses: '@acme/connector-acme/query@^0.1',
      connection: 'db',
      with: {
        sql: "SELECT current_database() AS database, 'hello ' || $1::text AS greeting",
        params: ['{{ inputs.name }}'],
      },
    },
  ],
  output: '{{ steps.hello.output.rows[0] }}',
};
