import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildManifest, isConnector, MANIFEST_FILE } from '@mova/sdk';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../src/audit/audit-log.js';
import { loadConnections } from '../src/connections/connections.js';
import type { RunEvent } from '../src/events.js';
import { createRuntime } from '../src/runtime.js';
import { type Isolation, SandboxHost } from '../src/sandbox/host.js';
import { WorkspaceSource } from '../src/sources/workspace-source.js';
import { FileRunStore } from '../src/store/file-run-store.js';
import { tempDir, workflow } from './helpers.js';

const PACKAGE = '@acme/connector-oauthfix';
const SOURCE = fileURLToPath(new URL('fixtures/oauth-writeback/connector.ts', import.meta.url));
const EXPIRED = 1_000_000_000;

/**
 * An OAuth2 server on loopback: `POST /token` answers the refresh_token grant (RFC 6749 §6) with a
 * new access token and, when rotating, a new refresh token that replaces the old one; `GET /me`
 * answers only a Bearer token it issued. Each refresh's lifetime is one second longer than the
 * last, so the newest token set also expires last.
 */
async function startOAuthServer(options: { rotate: boolean }) {
  const refreshes: string[] = [];
  const issued = new Set<string>();
  const valid = new Set(['rt_0', 'rt_other']);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'POST' && req.url === '/token') {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const used = form.get('refresh_token') ?? '';
        if (form.get('grant_type') !== 'refresh_token' || !valid.has(used)) {
          send(400, { error: 'invalid_grant' });
          return;
        }
        refreshes.push(used);
        const n = refreshes.length;
        const accessToken = `at_${n}_fresh_access`;
        issued.add(accessToken);
        const body: Record<string, unknown> = { access_token: accessToken, token_type: 'Bearer', expires_in: 3600 + n };
        if (options.rotate) {
          valid.delete(used);
          valid.add(`rt_${n}`);
          body.refresh_token = `rt_${n}`;
        }
        send(200, body);
        return;
      }
      if (req.method === 'GET' && req.url === '/me') {
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        if (issued.has(token)) send(200, { user: 'ada' });
        else send(401, { error: 'invalid_token' });
        return;
      }
      send(404, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    refreshes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Bundles the fixture with the SDK into one file, as `mova-connector build` does, and writes its manifest. */
async function buildFixture(root: string, server: string): Promise<void> {
  const dir = join(root, 'oauthfix');
  await mkdir(join(dir, 'dist'), { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: PACKAGE, version: '1.0.0', type: 'module' }));
  const bundle = join(dir, 'dist', 'connector.mjs');
  await build({
    entryPoints: [SOURCE],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    define: { OAUTH_SERVER: JSON.stringify(server) },
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  const connector = (await import(pathToFileURL(bundle).href)).default;
  if (!isConnector(connector)) throw new Error('the fixture exports no connector');
  const manifest = buildManifest(connector, { name: PACKAGE, version: '1.0.0' });
  await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(manifest));
}

const flow = (action = 'me.get', connection = 'acme') =>
  workflow([{ id: 'me', uses: `${PACKAGE}/${action}@^1`, with: {}, connection }], {
    connections: { [connection]: { connector: PACKAGE } },
  });

describe.each<Isolation>(['worker', 'process'])('OAuth2 token write-back, %s sandbox', (isolation) => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let oauth: Awaited<ReturnType<typeof startOAuthServer>>;
  let connectionsFile: string;

  beforeAll(async () => {
    dir = await tempDir('mova-oauth-');
    oauth = await startOAuthServer({ rotate: true });
    await buildFixture(join(dir.path, 'connectors'), oauth.url);
  });
  afterAll(async () => {
    await oauth.close();
    await dir.remove();
  });

  /** A runtime as `mova-connector run` builds one: connections read from the file now, a fresh sandbox host. */
  async function runOnce(name: string, action = 'me.get', connection = 'acme') {
    const events: RunEvent[] = [];
    const audit = new AuditLog(join(dir.path, name));
    const runtime = createRuntime({
      sources: [new WorkspaceSource(join(dir.path, 'connectors'))],
      connections: await loadConnections({ file: connectionsFile, env: {} }),
      host: new SandboxHost({ isolation, allowHosts: ['127.0.0.1'] }),
      store: new FileRunStore(join(dir.path, 'runs')),
      audit,
    });
    try {
      const result = await runtime.run(flow(action, connection), {}, { onEvent: (event) => events.push(event) });
      return { result, events, audit: await audit.list() };
    } finally {
      await runtime.close();
      await audit.close();
    }
  }

  const stored = async () => JSON.parse(await readFile(connectionsFile, 'utf8'));

  it('refreshes once in the first run, writes the rotated tokens back, and the second run uses them without refreshing', async () => {
    connectionsFile = join(dir.path, `connections-${isolation}.json`);
    await writeFile(
      connectionsFile,
      JSON.stringify({
        acme: { connector: PACKAGE, auth: { accessToken: 'at_0_stale', refreshToken: 'rt_0', expiresAt: EXPIRED } },
        other: { connector: PACKAGE, auth: { accessToken: 'at_other', refreshToken: 'rt_other', expiresAt: EXPIRED } },
      }),
      { mode: 0o600 },
    );
    const first = await runOnce(`first-${isolation}`);
    expect(first.result.status).toBe('completed');
    expect(first.result.output).toEqual({ user: 'ada' });
    expect(oauth.refreshes).toEqual(['rt_0']);
    const afterFirst = await stored();
    expect(afterFirst.acme.auth).toEqual({
      accessToken: 'at_1_fresh_access',
      refreshToken: 'rt_1',
      expiresAt: expect.any(Number),
    });
    expect(afterFirst.acme.auth.expiresAt).toBeGreaterThan(Date.now() / 1000 + 3000);
    expect(afterFirst.other.auth.accessToken).toBe('at_other');

    const refreshed = first.audit.entries.filter((entry) => entry.action === 'connection.token_refreshed');
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]).toMatchObject({
      subject: 'acme',
      details: { runId: first.result.runId, connector: PACKAGE, step: 'me', stored: 'saved', refreshToken: 'rotated' },
    });
    const everything = JSON.stringify([first.audit.entries, first.events]);
    expect(everything).not.toContain('at_1_fresh_access');
    expect(everything).not.toContain('rt_1');

    const second = await runOnce(`second-${isolation}`);
    expect(second.result.status).toBe('completed');
    expect(oauth.refreshes).toEqual(['rt_0']);
    expect(second.audit.entries.map((entry) => entry.action)).not.toContain('connection.token_refreshed');
  });

  it('refuses tokens a sandbox addresses past its call: the call fails and no connection changes', async () => {
    const before = await readFile(connectionsFile, 'utf8');
    const run = await runOnce(`hijack-${isolation}`, 'tokens.hijack');
    expect(run.result.status).toBe('failed');
    expect(run.result.error?.message).toContain('sent refreshed tokens the host refused');
    expect(run.result.error?.message).toContain('connection');
    expect(await readFile(connectionsFile, 'utf8')).toBe(before);
    expect(run.audit.entries.map((entry) => entry.action)).not.toContain('connection.token_refreshed');
  });

  it('fails a call that floods the host with token sets', async () => {
    const run = await runOnce(`flood-${isolation}`, 'tokens.flood');
    expect(run.result.status).toBe('failed');
    expect(run.result.error?.message).toContain('more than 32 token sets in one call');
  });

  it("a polling trigger's refresh is written back and audited: the next poll, in a fresh runtime, does not refresh", async () => {
    const before = oauth.refreshes.length;
    const pollOnce = async (name: string) => {
      const audit = new AuditLog(join(dir.path, name));
      const runtime = createRuntime({
        sources: [new WorkspaceSource(join(dir.path, 'connectors'))],
        connections: await loadConnections({ file: connectionsFile, env: {} }),
        host: new SandboxHost({ isolation, allowHosts: ['127.0.0.1'] }),
        store: new FileRunStore(join(dir.path, 'runs')),
        audit,
      });
      try {
        const result = await runtime.poll(`${PACKAGE}/me.seen@^1`, { connection: 'other' });
        return { result, audit: await audit.list({ action: 'connection.token_refreshed' }) };
      } finally {
        await runtime.close();
        await audit.close();
      }
    };
    // A first poll only records what it finds, so it emits nothing; it did read /me.
    const first = await pollOnce(`poll-first-${isolation}`);
    expect(first.result.items).toEqual([]);
    expect(oauth.refreshes.slice(before)).toEqual(['rt_other']);
    expect((await stored()).other.auth).toMatchObject({ refreshToken: `rt_${before + 1}` });
    expect(first.audit.entries).toEqual([
      expect.objectContaining({
        subject: 'other',
        details: {
          trigger: 'me.seen',
          connector: PACKAGE,
          stored: 'saved',
          refreshToken: 'rotated',
          expiresAt: expect.any(String),
        },
      }),
    ]);
    expect(JSON.stringify(first.audit.entries)).not.toContain('fresh_access');
    const second = await pollOnce(`poll-second-${isolation}`);
    expect(oauth.refreshes.slice(before)).toEqual(['rt_other']);
    expect(second.audit.entries).toEqual([]);
  });
});

describe('OAuth2 tokens within one runtime', () => {
  it('later steps and runs get the refreshed tokens even from an environment connection, which is not written', async () => {
    const dir = await tempDir('mova-oauth-env-');
    const oauth = await startOAuthServer({ rotate: true });
    const audit = new AuditLog(dir.path);
    const events: RunEvent[] = [];
    const auth = { accessToken: 'at_0_stale', refreshToken: 'rt_0', expiresAt: EXPIRED };
    const runtime = createRuntime({
      sources: [new WorkspaceSource(join(dir.path, 'connectors'))],
      connections: await loadConnections({
        env: { MOVA_CONNECTION_ACME: JSON.stringify({ connector: PACKAGE, auth }) },
      }),
      host: new SandboxHost({ isolation: 'worker', allowHosts: ['127.0.0.1'] }),
      store: new FileRunStore(join(dir.path, 'runs')),
      audit,
    });
    try {
      await buildFixture(join(dir.path, 'connectors'), oauth.url);
      const twoSteps = workflow(
        ['one', 'two'].map((id) => ({ id, uses: `${PACKAGE}/me.get@^1`, with: {}, connection: 'acme' })),
        { connections: { acme: { connector: PACKAGE } } },
      );
      const runIds: string[] = [];
      for (let run = 0; run < 2; run++) {
        const result = await runtime.run(twoSteps, {}, { onEvent: (event) => events.push(event) });
        expect(result.status).toBe('completed');
        runIds.push(result.runId);
      }
      expect(oauth.refreshes).toEqual(['rt_0']);
      const warnings = events.filter((event) => event.type === 'step.log' && event.level === 'warn');
      expect(warnings).toHaveLength(1);
      expect(JSON.stringify(warnings)).toContain('does not write to');
      const { entries } = await audit.list({ action: 'connection.token_refreshed' });
      expect(entries.map((entry) => entry.details?.stored)).toEqual(['unsupported']);
      const store = new FileRunStore(join(dir.path, 'runs'));
      const records = await Promise.all(runIds.map((id) => store.getRun(id)));
      await store.close();
      expect(JSON.stringify([records, events])).not.toContain('at_1_fresh_access');
    } finally {
      await runtime.close();
      await audit.close();
      await oauth.close();
      await dir.remove();
    }
  });
});

describe('OAuth2 token write-back from concurrent runs', () => {
  it('two runtimes refreshing the same connection at once leave one valid file holding the later-expiring tokens', async () => {
    const dir = await tempDir('mova-oauth-race-');
    // Not rotating: both runs' refreshes with the same refresh token succeed, as with Google's.
    const oauth = await startOAuthServer({ rotate: false });
    try {
      await buildFixture(join(dir.path, 'connectors'), oauth.url);
      const file = join(dir.path, 'connections.json');
      await writeFile(
        file,
        JSON.stringify({
          acme: { connector: PACKAGE, auth: { accessToken: 'at_0_stale', refreshToken: 'rt_0', expiresAt: EXPIRED } },
          other: { connector: PACKAGE, auth: { accessToken: 'at_other', refreshToken: 'rt_other' } },
        }),
      );
      const runtimes = await Promise.all(
        [1, 2].map(async (n) =>
          createRuntime({
            sources: [new WorkspaceSource(join(dir.path, 'connectors'))],
            connections: await loadConnections({ file, env: {} }),
            host: new SandboxHost({ isolation: 'worker', allowHosts: ['127.0.0.1'] }),
            store: new FileRunStore(join(dir.path, `runs-${n}`)),
          }),
        ),
      );
      try {
        const results = await Promise.all(runtimes.map((runtime) => runtime.run(flow(), {})));
        expect(results.map((result) => result.status)).toEqual(['completed', 'completed']);
      } finally {
        await Promise.all(runtimes.map((runtime) => runtime.close()));
      }
      expect(oauth.refreshes).toEqual(['rt_0', 'rt_0']);
      const saved = JSON.parse(await readFile(file, 'utf8'));
      // Whichever wrote last, the tokens that expire later (the second refresh's) are kept.
      expect(saved.acme.auth).toEqual({
        accessToken: 'at_2_fresh_access',
        refreshToken: 'rt_0',
        expiresAt: expect.any(Number),
      });
      expect(saved.other.auth).toEqual({ accessToken: 'at_other', refreshToken: 'rt_other' });
    } finally {
      await oauth.close();
      await dir.remove();
    }
  });
});
