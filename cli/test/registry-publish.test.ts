import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { ConnectorEntry, SearchResult } from '@mova/registry';
import type { RunRecord } from '@mova/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueJson, notFoundJson } from '../../connectors/github/src/testing/fixtures.js';
import type { PublishSummary } from '../src/commands/publish.js';
import type { ConnectorInfo } from '../src/registry/info-lines.js';
import { expectOneLineError, problemLines } from './cli.js';
import {
  copyConnector,
  jsonOf,
  packumentOf,
  type RegistrySandbox,
  registrySandbox,
  setVersion,
} from './registry-support.js';

// One story, step by step: each test builds on what the ones before it published.
describe('publish, search, info and deprecate the first-party connectors', () => {
  let sandbox: RegistrySandbox;
  let url: string;
  let github: string;
  let postgres: string;
  beforeAll(async () => {
    sandbox = await registrySandbox('publish', ['mova']);
    url = sandbox.registry.url;
    [github, postgres] = await Promise.all([
      copyConnector(sandbox.root, 'github'),
      copyConnector(sandbox.root, 'postgres'),
    ]);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('refuses to publish before login, before building anything', async () => {
    const result = await sandbox.run(['publish', '--dir', github, '--skip-checks', '--registry', url]);
    expectOneLineError(result, 1, new RegExp(`^Error: not logged in to ${url} \\(Run \`mova-connector login`));
    expect(result.stderr).not.toMatch(/Building/);
  });

  it('refuses an unscoped package before building: no workflow could name it', async () => {
    const dir = join(sandbox.root, 'unscoped');
    await mkdir(dir);
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'connector-acme', version: '0.1.0' }));
    const result = await sandbox.run(['publish', '--dir', dir, '--registry', url]);
    expectOneLineError(
      result,
      2,
      /^Error: connector-acme has no scope, so no workflow could use it: "uses": "acme\/…" means @mova\/connector-acme \(Name it under a scope of your own in package\.json, e\.g\. "name": "@<your account>\/connector-acme"/,
    );
    expect(result.stderr).not.toMatch(/Building/);
  });

  it('publishes github and postgres as an admin: first versions, with the integrity the registry serves', async () => {
    const login = await sandbox.run(['login', '--registry', url, '-u', 'mova', '-p', 'mova-pw-1']);
    expect(login.code, login.stderr).toBe(0);
    const [first, second] = await Promise.all([
      sandbox.run(['publish', '--dir', github, '--skip-checks', '--json']),
      sandbox.run(['publish', '--dir', postgres, '--skip-checks', '--json']),
    ]);
    const published = jsonOf<PublishSummary>(first);
    expect(first.code, first.stderr).toBe(0);
    expect(published).toMatchObject({
      name: '@mova/connector-github',
      version: '1.0.0',
      registry: url,
      tag: 'latest',
      latestStays: null,
      dryRun: false,
      checks: { skipped: true },
      previous: null,
      bump: null,
      changes: [],
      tarball: `${url}@mova/connector-github/-/connector-github-1.0.0.tgz`,
    });
    const packument = await packumentOf(sandbox.registry, '@mova/connector-github');
    expect(published.integrity).toBe(packument?.versions['1.0.0']?.dist.integrity);
    expect(jsonOf<PublishSummary>(second)).toMatchObject({ name: '@mova/connector-postgres', version: '1.0.0' });
    await sandbox.registry.indexed();
  });

  it('search finds github by "issue" and postgres by its category', async () => {
    const byWord = await sandbox.run(['search', 'issue', '--registry', url]);
    expect(byWord.code, byWord.stderr).toBe(0);
    const lines = byWord.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+LATEST\s+ACTIONS\s+DESCRIPTION$/);
    expect(lines[1]).toMatch(/^@mova\/connector-github\s+1\.0\.0\s+17\s+GitHub: Issues, pull requests/);
    expect(byWord.stdout).not.toMatch(/connector-postgres/);
    const byCategory = jsonOf<SearchResult>(
      await sandbox.run(['search', '--category', 'databases', '--registry', url, '--json']),
    );
    expect(byCategory.results.map((hit) => hit.name)).toEqual(['@mova/connector-postgres']);
    expect(byCategory.results[0]).toMatchObject({ authKind: 'custom', actionCount: 8, deprecated: null });
    const none = await sandbox.run(['search', 'zzzqqq', '--registry', url]);
    expect(none.stdout.trim()).toBe(`No connectors found on ${url} for "zzzqqq".`);
  });

  it('info shows versions with dates, actions, the connection, the install command and a uses: line', async () => {
    const text = await sandbox.run(['info', 'github', '--registry', url]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^@mova\/connector-github 1\.0\.0: GitHub\n/);
    expect(text.stdout).toMatch(/\nConnection \(bearer\)\n {2}token {4}required, secret {2}A fine-grained/);
    expect(text.stdout).toMatch(/\n {2}baseUrl {2}optional {10}GitHub Enterprise Server only: /);
    // What it may reach, before anyone installs it: its declared host, and the server a connection names.
    expect(text.stdout).toContain(
      '\nNetwork access (its sandbox reaches nothing else)\n  hosts        api.github.com\n  and the host in the connection\'s "baseUrl"\n',
    );
    expect(text.stdout).toMatch(/\nActions \(17\)\n {2}issues\.create\s+Create an issue\n/);
    expect(text.stdout).toMatch(
      /\nTriggers \(2\)\n {2}issues\.new {5}New issue \(polling\)\n {2}issues\.opened {2}Issue opened \(webhook\)\n/,
    );
    expect(text.stdout).toMatch(/\nVersions \(1\)\n {2}1\.0\.0 {2}\d{4}-\d\d-\d\d \d\d:\d\d UTC {2}mova\n/);
    expect(text.stdout).toMatch(
      /\nInstall {2}mova-connector install github@\^1\nUse {6}"uses": "github\/issues\.create@\^1", "connection": "github"\n$/,
    );
    // The connection to write: declared in the workflow, its fields in a connections file or the environment.
    expect(text.stdout).toContain(
      [
        '  In the workflow: "connections": {"github":{"connector":"github"}}, and "connection": "github" on its steps.',
        '  In a connections file (run --connections <file>), secrets marked <secret>:',
        '    {',
        '      "github": {',
        '        "connector": "github",',
        '        "auth": {',
        '          "token": "<secret>"',
        '        }',
        '      }',
        '    }',
        `  Or in the environment: MOVA_CONNECTION_GITHUB='{"connector":"github","auth":{"token":"<secret>"}}'`,
      ].join('\n'),
    );
    const info = jsonOf<ConnectorInfo>(
      await sandbox.run(['info', '@mova/connector-postgres', '--registry', url, '--json']),
    );
    expect(info).toMatchObject({
      name: '@mova/connector-postgres',
      install: 'mova-connector install postgres@^1',
      uses: 'postgres/query@^1',
      auth: { kind: 'custom' },
      network: { allow: [], connectionHosts: ['host', 'connectionString'] },
    });
    expect(info.auth.fields?.map((field) => field.name)).toEqual([
      'connectionString',
      'host',
      'port',
      'user',
      'password',
      'database',
      'ssl',
    ]);
    expect(info.auth.fields?.find((field) => field.name === 'password')).toMatchObject({ secret: true });
    // No field is required (a connection string or host and user will do): the template lists them all.
    expect(info.connection?.file).toEqual({
      postgres: {
        connector: 'postgres',
        auth: expect.objectContaining({ connectionString: '<secret>', host: '<string>', password: '<secret>' }),
      },
    });
    // The connection comes from the marketplace entry: looking is not downloading.
    expect(sandbox.registry.index.get('@mova/connector-github')?.downloads).toBe(0);
    expect(sandbox.registry.index.get('@mova/connector-postgres')?.downloads).toBe(0);
    expectOneLineError(
      await sandbox.run(['info', 'slack', '--registry', url]),
      1,
      /^Error: no connector @mova\/connector-slack on .* \(Look for it with `mova-connector search <words>`\.\)$/,
    );
  });

  it('a workflow author installs github@^1 in a fresh folder and runs a workflow with it; the record names the exact version and integrity', async () => {
    const server = await fakeGitHubEnterprise();
    try {
      const project = join(sandbox.root, 'author');
      await mkdir(project);
      await writeFile(join(project, 'report-bug.json'), JSON.stringify(REPORT_BUG, null, 2));
      const installed = await sandbox.runIn(project, ['install', 'github@^1']);
      expect(installed.code, installed.stderr).toBe(0);
      expect(installed.stdout).toContain('Installed @mova/connector-github@1.0.0 (^1)');
      const lock = JSON.parse(await readFile(join(project, 'mova.lock.json'), 'utf8'));
      const locked = lock.connectors['@mova/connector-github']['1.0.0'];
      const packument = await packumentOf(sandbox.registry, '@mova/connector-github');
      expect(locked).toMatchObject({
        ranges: ['^1'],
        resolved: `${url}@mova/connector-github/-/connector-github-1.0.0.tgz`,
        integrity: packument?.versions['1.0.0']?.dist.integrity,
        registry: url,
      });

      const connection = JSON.stringify({ connector: 'github', auth: { token: TOKEN, baseUrl: server.apiRoot } });
      const run = await sandbox.runIn(project, ['run', 'report-bug.json', '--input', 'title=Build failed', '--json'], {
        MOVA_CONNECTION_GH: connection,
      });
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
      const record = jsonOf<RunRecord>(run);
      expect(record).toMatchObject({
        status: 'completed',
        output: { number: 42, url: expect.stringContaining('/issues/42') },
      });
      expect(record.steps[0]).toMatchObject({
        key: 'issue',
        status: 'completed',
        connector: '@mova/connector-github@1.0.0',
        connectorIntegrity: locked.contentIntegrity,
      });
      expect(run.stdout).not.toContain(TOKEN);
      expect(server.requests).toEqual([
        {
          method: 'POST',
          path: '/api/v3/repos/acme/widgets/issues',
          authorization: `token ${TOKEN}`,
          apiVersion: '2022-11-28',
          body: { title: 'Build failed', labels: ['ci'] },
        },
      ]);

      const shown = await sandbox.runIn(project, ['runs', 'show', record.id]);
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).toContain(`    ran     @mova/connector-github@1.0.0 ${locked.contentIntegrity}\n`);
    } finally {
      await server.close();
    }
  });

  it('refuses a version that is published already and names the next one', async () => {
    expectOneLineError(
      await sandbox.run(['publish', '--dir', postgres, '--skip-checks']),
      1,
      /^Error: @mova\/connector-postgres@1\.0\.0 is already published on .*, and published versions never change \(Publish 1\.0\.1 instead: set "version": "1\.0\.1" in package\.json\.\)$/,
    );
  });

  it('refuses a removed action published as a minor, with the major it needs', async () => {
    const index = join(github, 'src', 'index.ts');
    await writeFile(index, (await readFile(index, 'utf8')).replace('    mergePull,\n', ''));
    await setVersion(github, '1.1.0');
    const result = await sandbox.run(['publish', '--dir', github, '--skip-checks']);
    expect(result.code).toBe(1);
    expect(problemLines(result)).toEqual([
      'breaking: action pulls.merge was removed (/actions/pulls.merge)',
      'Error: @mova/connector-github@1.1.0 is too small a bump for what changed since 1.0.0: 1.0.0 → needs a major: 2.0.0 (Set "version": "2.0.0" in package.json, or undo the changes listed.)',
    ]);
    const json = jsonOf<{ error: { issues: unknown[] } }>(
      await sandbox.run(['publish', '--dir', github, '--skip-checks', '--json']),
    );
    expect(json.error.issues).toEqual([
      { file: 'mova.manifest.json', pointer: '/actions/pulls.merge', message: 'action pulls.merge was removed' },
    ]);
  });

  it('publishes the same change as a major, reporting the bump and the change', async () => {
    await setVersion(github, '2.0.0');
    const result = await sandbox.run(['publish', '--dir', github, '--skip-checks']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      `Published @mova/connector-github@2.0.0 to ${url} under "latest" (major after 1.0.0)\n  breaking: action pulls.merge was removed\n`,
    );
    expect(result.stdout).toMatch(/\n {2}install {4}mova-connector install github@\^2\n/);
    await sandbox.registry.indexed();
    const info = jsonOf<ConnectorEntry>(await sandbox.run(['info', 'github', '--registry', url, '--json']));
    expect(info.versions.map((version) => version.version)).toEqual(['2.0.0', '1.0.0']);
    expect(info.actions.map((action) => action.key)).not.toContain('pulls.merge');
  });

  it('refuses a publish into @mova by someone who is not its owner, naming the owners', async () => {
    const login = await sandbox.run(['login', '--registry', url, '-u', 'eve', '-p', 'eve-pw-12']);
    expect(login.code, login.stderr).toBe(0);
    await setVersion(postgres, '1.0.1');
    expectOneLineError(
      await sandbox.run(['publish', '--dir', postgres, '--skip-checks']),
      1,
      /^Error: http:\/\/127\.0\.0\.1:\d+\/ refused to publish @mova\/connector-postgres@1\.0\.1 \(403\): The scope @mova is reserved; only its owners \(mova\) may publish "@mova\/connector-postgres", not eve\. Publish under a scope of your own instead, e\.g\. @eve\/connector-postgres\.$/,
    );
    expectOneLineError(
      await sandbox.run(['deprecate', 'postgres@1.0.0', '--reason', 'mine now']),
      1,
      /refused deprecating @mova\/connector-postgres \(403\): eve does not own "@mova\/connector-postgres"; only its owners \(mova\) may change it\.$/,
    );
  });

  it('deprecates a version as its owner; info and the index show it', async () => {
    await sandbox.run(['login', '--registry', url, '-u', 'mova', '-p', 'mova-pw-1']);
    const result = await sandbox.run(['deprecate', 'postgres@1.0.0', '--reason', 'Use 1.0.1: upserts fixed']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('Deprecated @mova/connector-postgres@1.0.0: Use 1.0.1: upserts fixed');
    await sandbox.registry.indexed();
    const info = await sandbox.run(['info', 'postgres']);
    expect(info.stdout).toMatch(/\nDEPRECATED: Use 1\.0\.1: upserts fixed\n/);
    expect(info.stdout).toMatch(/\n {2}1\.0\.0 .* {2}mova {2}deprecated: Use 1\.0\.1: upserts fixed\n/);
    const search = await sandbox.run(['search', '--category', 'databases']);
    expect(search.stdout).toMatch(/@mova\/connector-postgres\s+1\.0\.0\s+8\s+DEPRECATED PostgreSQL:/);
    const index = jsonOf<SearchResult>(await sandbox.run(['search', '--category', 'databases', '--json']));
    expect(index.results[0]?.deprecated).toBe('Use 1.0.1: upserts fixed');
  });

  it('a dry run builds, compares and packs, and sends nothing', async () => {
    const result = await sandbox.run(['publish', '--dir', postgres, '--skip-checks', '--dry-run', '--json']);
    expect(jsonOf<PublishSummary>(result)).toMatchObject({
      name: '@mova/connector-postgres',
      version: '1.0.1',
      dryRun: true,
      previous: '1.0.0',
      bump: 'patch',
      changes: [],
      tarball: 'mova-connector-postgres-1.0.1.tgz',
      integrity: expect.stringMatching(/^sha512-/),
    });
    const packument = await packumentOf(sandbox.registry, '@mova/connector-postgres');
    expect(Object.keys(packument?.versions ?? {})).toEqual(['1.0.0']);
  });

  it('maps a token the registry refuses at publish time to one line', async () => {
    expectOneLineError(
      await sandbox.run(['publish', '--dir', postgres, '--skip-checks'], { MOVA_REGISTRY_TOKEN: 'expired-or-foreign' }),
      1,
      /refused the token publishing @mova\/connector-postgres@1\.0\.1 \(401\): it is not valid \(expired, or from another registry\) \(Run `mova-connector login --registry .*`, then publish again\.\)$/,
    );
  });

  it('publishes a backport (1.0.1 after 2.0.0) under latest-1: latest and the marketplace stay on 2.0.0', async () => {
    const index = join(github, 'src', 'index.ts');
    await writeFile(index, (await readFile(index, 'utf8')).replace('  actions: [\n', '  actions: [\n    mergePull,\n'));
    await setVersion(github, '1.0.1');
    const result = await sandbox.run(['publish', '--dir', github, '--skip-checks']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^Published @mova\/connector-github@1\.0\.1 to .* under "latest-1" \(patch after 1\.0\.0\)\n {2}latest {5}stays 2\.0\.0 \(this version is lower\)\n {2}checks {5}skipped \(--skip-checks\)\n/,
    );
    expect(result.stdout).toMatch(/\n {2}install {4}mova-connector install github@\^1\n$/);
    expect((await packumentOf(sandbox.registry, '@mova/connector-github'))?.['dist-tags']).toEqual({
      latest: '2.0.0',
      'latest-1': '1.0.1',
    });
    await sandbox.registry.indexed();
    const entry = jsonOf<ConnectorEntry>(await sandbox.run(['info', 'github', '--json']));
    expect(entry.latestVersion).toBe('2.0.0');
    expect(entry.checks).toEqual({ skipped: true });
    expect(entry.qualityCriteria.find((c) => c.key === 'tests')).toMatchObject({
      points: 0,
      detail: 'Published with --skip-checks: its tests did not run.',
    });
  });

  it('a pre-release must name its tag; under next, installs of a range keep getting latest', async () => {
    await setVersion(github, '2.1.0-beta.1');
    const untagged = await sandbox.run(['publish', '--dir', github, '--skip-checks']);
    expectOneLineError(
      untagged,
      2,
      /^Error: @mova\/connector-github@2\.1\.0-beta\.1 is a pre-release: publish it under a dist-tag other than "latest", so installs of a range do not pick it \(Publish with --tag next; testers install it with `mova-connector install github@next`\.\)$/,
    );
    expect(untagged.stderr).not.toMatch(/Building/);
    const index = join(github, 'src', 'index.ts');
    await writeFile(index, (await readFile(index, 'utf8')).replace('    mergePull,\n', ''));
    const tagged = jsonOf<PublishSummary>(
      await sandbox.run(['publish', '--dir', github, '--skip-checks', '--tag', 'next', '--json']),
    );
    expect(tagged).toMatchObject({ version: '2.1.0-beta.1', tag: 'next', previous: '2.0.0', bump: 'patch' });
    expect((await packumentOf(sandbox.registry, '@mova/connector-github'))?.['dist-tags']).toMatchObject({
      latest: '2.0.0',
      next: '2.1.0-beta.1',
    });
    const project = join(sandbox.root, 'tags');
    await mkdir(project);
    const installed = await sandbox.runIn(project, ['install', 'github', 'github@next']);
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stdout).toContain('Installed @mova/connector-github@2.0.0 (^2)');
    expect(installed.stdout).toContain('Installed @mova/connector-github@2.1.0-beta.1 (^2.1.0-beta.1)');
  });

  it("reads npm's report after lines that the package's own npm scripts print", async () => {
    const path = join(postgres, 'package.json');
    const pkg = JSON.parse(await readFile(path, 'utf8'));
    const noisy = "node -e \"console.log('{ packing }'); console.log('{'); console.log('done }')\"";
    await writeFile(
      path,
      JSON.stringify({ ...pkg, scripts: { ...pkg.scripts, prepack: noisy, prepublishOnly: noisy } }),
    );
    const result = await sandbox.run(['publish', '--dir', postgres, '--skip-checks', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const published = jsonOf<PublishSummary>(result);
    const packument = await packumentOf(sandbox.registry, '@mova/connector-postgres');
    expect(published).toMatchObject({ version: '1.0.1', tag: 'latest' });
    expect(published.integrity).toBe(packument?.versions['1.0.1']?.dist.integrity);
    // What publish wrote into package.json for the packed copy is put back afterwards.
    expect(JSON.parse(await readFile(path, 'utf8')).mova).toBeUndefined();
  });

  it('says the registry is not running when nothing listens at the URL', async () => {
    const closed = await freePort();
    expectOneLineError(
      await sandbox.run(['search', 'issue', '--registry', `http://127.0.0.1:${closed}/`]),
      1,
      new RegExp(
        `^Error: cannot reach the registry http://127\\.0\\.0\\.1:${closed}/ \\(.*ECONNREFUSED.*\\) \\(Check that the registry is running and that --registry \\(or MOVA_REGISTRY\\) points at it\\.\\)$`,
      ),
    );
  });
});

/** A loopback port nothing listens on: one the OS just handed out and took back. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const TOKEN = 'ghp_e2eLoopToken0123456789';

/** What a workflow author writes: a bug report through the GitHub connector, typed inputs, one output. */
const REPORT_BUG = {
  mova: '1.0',
  name: 'report-bug',
  inputs: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] },
  connections: { gh: { connector: 'github' } },
  steps: [
    {
      id: 'issue',
      uses: 'github/issues.create@^1',
      connection: 'gh',
      with: { owner: 'acme', repo: 'widgets', title: '{{ inputs.title }}', labels: ['ci'] },
    },
  ],
  output: { number: '{{ steps.issue.output.number }}', url: '{{ steps.issue.output.html_url }}' },
};

interface SeenRequest {
  method: string | undefined;
  path: string | undefined;
  authorization: string | undefined;
  apiVersion: string | undefined;
  body: unknown;
}

/**
 * A GitHub Enterprise Server stand-in on loopback (REST root /api/v3): "Create an issue" answers
 * 201 with the body GitHub documents; anything else is GitHub's 404.
 */
async function fakeGitHubEnterprise(): Promise<{ apiRoot: string; requests: SeenRequest[]; close(): Promise<void> }> {
  const requests: SeenRequest[] = [];
  const server = createHttpServer(async (request, response) => {
    let text = '';
    for await (const chunk of request) text += chunk;
    const body = text ? JSON.parse(text) : undefined;
    requests.push({
      method: request.method,
      path: request.url,
      authorization: request.headers.authorization,
      apiVersion: request.headers['x-github-api-version'] as string | undefined,
      body,
    });
    const created = request.method === 'POST' && request.url === '/api/v3/repos/acme/widgets/issues';
    response.writeHead(created ? 201 : 404, { 'content-type': 'application/json; charset=utf-8' });
    response.end(
      JSON.stringify(
        created
          ? issueJson(42, { title: body.title, html_url: 'http://127.0.0.1/acme/widgets/issues/42' })
          : notFoundJson,
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    apiRoot: `http://127.0.0.1:${port}/api/v3`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
