import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunRecord } from '@mova/runtime';
import { type ReferenceServer, startReferenceServer } from '@mova/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureManifests } from '../../runtime/test/helpers.js';
import { cli } from './cli.js';
import { jsonOf } from './registry-support.js';

const SECRET = 'vault-only-token-9a8b';
const VAULT_TOKEN = 'hvs.cli-test-token';
const TOOLS = fileURLToPath(new URL('../../runtime/test/fixtures/connectors/tools-1.0.0', import.meta.url));

/** Every file under a folder, read as text. */
async function allText(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const texts = await Promise.all(
    entries.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'utf8').catch(() => '')),
  );
  return texts.join('\n');
}

describe('`mova-connector run --vault`: a connection from Vault KV v2', () => {
  let root: string;
  let vault: ReferenceServer;

  beforeAll(async () => {
    // The fixture's manifest is generated, not committed: a clean clone may run this before any runtime test made it.
    await buildFixtureManifests();
    root = await mkdtemp(join(tmpdir(), 'mova-cli-vault-'));
    vault = await startReferenceServer();
    vault.route('GET', '/v1/kv/data/mova/tools', (request) =>
      request.headers['x-vault-token'] === VAULT_TOKEN
        ? { body: { data: { data: { token: SECRET }, metadata: { version: 3 } } } }
        : { status: 403, body: { errors: ['permission denied'] } },
    );
    await writeFile(
      join(root, 'vault.json'),
      JSON.stringify({ connections: { tools: { connector: 'tools', mount: 'kv', path: 'mova/tools' } } }),
    );
    await writeFile(
      join(root, 'reveal.json'),
      JSON.stringify({
        mova: '1.0',
        name: 'reveal',
        connections: { tools: { connector: 'tools' } },
        steps: [{ id: 'reveal', uses: 'tools/secret.reveal@^1', with: {}, connection: 'tools' }],
      }),
    );
  });
  afterAll(async () => {
    await vault?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('runs the step with the secret Vault holds, and neither the output nor the run store keeps it', async () => {
    const result = await cli(['run', 'reveal.json', '--connector', TOOLS, '--vault', 'vault.json', '--json'], root, {
      MOVA_DATA_DIR: join(root, 'data'),
      MOVA_VAULT_ADDR: vault.url,
      MOVA_VAULT_TOKEN: VAULT_TOKEN,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.code, output).toBe(0);
    const record = jsonOf<RunRecord>(result);
    expect(record.status).toBe('completed');
    expect(record.steps[0]?.output).toEqual({ token: '[redacted]', note: 'the token is [redacted]' });
    expect(output).not.toContain(SECRET);
    expect(output).not.toContain(VAULT_TOKEN);
    const stored = await allText(join(root, 'data'));
    expect(stored).toContain('[redacted]');
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain(VAULT_TOKEN);
    expect(vault.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /v1/kv/data/mova/tools');
  }, 60_000);

  it('says which credentials are missing, in one line', async () => {
    const result = await cli(['run', 'reveal.json', '--connector', TOOLS, '--vault', 'vault.json'], root, {
      MOVA_DATA_DIR: join(root, 'data'),
      MOVA_VAULT_ADDR: vault.url,
      MOVA_VAULT_TOKEN: undefined,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no Vault credentials for vault.json');
  }, 60_000);
});
