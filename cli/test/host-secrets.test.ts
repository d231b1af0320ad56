import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RunRecord } from '@mova/runtime';
import { buildManifest, type Connector } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli.js';
import { jsonOf } from './registry-support.js';

const TOKEN = 'tok-leaky-5b9d/e+1?x z';
const OTHER = 'tok-other-connection-7720';

/** A connector that hands its own token back in every disguise it can think of. */
const LEAKY = `export default {
  kind: 'mova.connector',
  apiVersion: 1,
  name: 'leaky',
  title: 'Leaky',
  description: 'Returns its token, disguised',
  categories: ['developer-tools'],
  auth: { kind: 'custom', schema: { type: 'object', properties: { token: { type: 'string', writeOnly: true } } } },
  actions: [{
    key: 'leak',
    title: 'Leak',
    description: 'Returns its token as a key, in base64, URL-encoded and reversed',
    input: { type: 'object', properties: {} },
    output: { type: 'object' },
    examples: [],
    async run({ auth }) {
      const token = auth.token;
      return {
        [token]: 'as a key',
        base64: Buffer.from(token).toString('base64'),
        base64url: Buffer.from(token).toString('base64url'),
        basic: 'Basic ' + Buffer.from('me:' + token).toString('base64'),
        url: 'https://x.test/?t=' + encodeURIComponent(token),
        reversed: [...token].reverse().join(''),
      };
    },
  }],
  triggers: [],
  network: { allow: [] },
};
`;

/** A first-party-scoped connector (so it runs in a worker thread of the CLI's own process) that reads that process's environment as the kernel keeps it. */
const PEEK = `import { readFileSync } from 'node:fs';
export default {
  kind: 'mova.connector',
  apiVersion: 1,
  name: 'peek',
  title: 'Peek',
  description: 'Reads /proc/self/environ',
  categories: ['developer-tools'],
  auth: { kind: 'none', schema: { type: 'object', properties: {} } },
  actions: [{
    key: 'environ',
    title: 'Environ',
    description: 'The names of the variables the process started with',
    input: { type: 'object', properties: {} },
    output: { type: 'object' },
    examples: [],
    async run() {
      const text = readFileSync('/proc/self/environ', 'latin1');
      return { names: text.split('\\0').map((entry) => entry.split('=')[0]).filter(Boolean), text };
    },
  }],
  triggers: [],
  network: { allow: [] },
};
`;

// What a run hands back (stdout, the run record) is read by people and stored: a connection's
// secret must not come back in it, however the connector disguises it; and a secret another
// connection holds must not be reachable from the workflow at all.
describe('`mova-connector run`: secrets stay out of what the run returns and of the environment', () => {
  let root: string;
  let leaky: string;
  const env = () => ({
    MOVA_DATA_DIR: join(root, 'data'),
    MOVA_CONNECTION_LEAKY: JSON.stringify({ connector: '@evil/connector-leaky', auth: { token: TOKEN } }),
    MOVA_CONNECTION_OTHER: JSON.stringify({ connector: 'github', auth: { token: OTHER } }),
  });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mova-cli-secrets-'));
    leaky = join(root, 'leaky');
    await mkdir(join(leaky, 'dist'), { recursive: true });
    await writeFile(join(leaky, 'package.json'), JSON.stringify({ name: '@evil/connector-leaky', version: '1.0.0' }));
    await writeFile(join(leaky, 'dist', 'connector.mjs'), LEAKY);
    const bundle = (await import(pathToFileURL(join(leaky, 'dist', 'connector.mjs')).href)).default as Connector;
    const manifest = buildManifest(bundle, { name: '@evil/connector-leaky', version: '1.0.0' });
    await writeFile(join(leaky, 'mova.manifest.json'), JSON.stringify(manifest, null, 2));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('a secret is redacted as a key, in base64 (also inside Basic auth), URL-encoded and reversed', async () => {
    await writeFile(
      join(root, 'leak.json'),
      JSON.stringify({
        mova: '1.0',
        name: 'leak',
        connections: { leaky: { connector: '@evil/connector-leaky' } },
        steps: [{ id: 'leak', uses: '@evil/connector-leaky/leak@1', connection: 'leaky' }],
      }),
    );
    const result = await cli(['run', 'leak.json', '--connector', leaky, '--json'], root, env());
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.code, output).toBe(0);
    const b64 = Buffer.from(TOKEN).toString('base64');
    for (const form of [
      TOKEN,
      b64,
      b64.replace(/=+$/, ''),
      Buffer.from(TOKEN).toString('base64url'),
      Buffer.from(`me:${TOKEN}`).toString('base64').slice(4, -4),
      encodeURIComponent(TOKEN),
      [...TOKEN].reverse().join(''),
    ]) {
      expect(output).not.toContain(form);
    }
    const record = jsonOf<RunRecord>(result);
    expect(Object.keys(record.steps[0]?.output as object)).toContain('[redacted]');
  }, 60_000);

  it.runIf(process.platform === 'linux')(
    "the CLI's process keeps no secret in the environment the kernel shows (/proc/self/environ), even to a worker thread",
    async () => {
      const peek = join(root, 'peek');
      await mkdir(join(peek, 'dist'), { recursive: true });
      await writeFile(join(peek, 'package.json'), JSON.stringify({ name: '@mova/connector-peek', version: '1.0.0' }));
      await writeFile(join(peek, 'dist', 'connector.mjs'), PEEK);
      const bundle = (await import(pathToFileURL(join(peek, 'dist', 'connector.mjs')).href)).default as Connector;
      const manifest = buildManifest(bundle, { name: '@mova/connector-peek', version: '1.0.0' });
      await writeFile(join(peek, 'mova.manifest.json'), JSON.stringify(manifest, null, 2));
      await writeFile(
        join(root, 'environ.json'),
        JSON.stringify({ mova: '1.0', name: 'environ', steps: [{ id: 'e', uses: '@mova/connector-peek/environ@1' }] }),
      );
      const result = await cli(['run', 'environ.json', '--connector', peek, '--json'], root, env());
      const output = `${result.stdout}\n${result.stderr}`;
      expect(result.code, output).toBe(0);
      const step = jsonOf<RunRecord>(result).steps[0];
      const names = (step?.output as { names?: string[] } | undefined)?.names ?? [];
      // MOVA_DATA_DIR is there: it read the CLI's own environment (a process sandbox's is empty).
      expect(names).toContain('MOVA_DATA_DIR');
      expect(names.filter((name) => name.startsWith('MOVA_CONNECTION_'))).toEqual([]);
      expect(output).not.toContain(OTHER);
    },
    60_000,
  );

  it("another connection's secret cannot be read through the workflow's env list", async () => {
    await writeFile(
      join(root, 'peek.json'),
      JSON.stringify({
        mova: '1.0',
        name: 'peek',
        env: ['MOVA_CONNECTION_OTHER'],
        steps: [{ id: 'peek', set: '{{ $exists(env.MOVA_CONNECTION_OTHER) }}' }],
      }),
    );
    const result = await cli(['run', 'peek.json', '--json'], root, env());
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).not.toContain(OTHER);
    expect(result.code, output).toBe(0);
    expect(jsonOf<RunRecord>(result).steps[0]?.output).toBe(false);
  }, 60_000);
});

// `$sort` over 300,000 numbers ran ~2 min on the runtime thread and then crashed the process.
describe('`mova-connector run`: a hostile expression fails its own step', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mova-cli-expr-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is stopped, the run fails with a clear message, and the process exits', async () => {
    await writeFile(
      join(root, 'sort.json'),
      JSON.stringify({ mova: '1.0', name: 'sort', steps: [{ id: 'sort', set: '{{ $sort([1..3e5]) }}' }] }),
    );
    const result = await cli(['run', 'sort.json', '--json'], root, { MOVA_DATA_DIR: join(root, 'data') });
    expect(result.code, result.stderr).toBe(1);
    const record = jsonOf<RunRecord>(result);
    expect(record.status).toBe('failed');
    expect(record.steps[0]?.error?.message).toMatch(/was stopped: it (ran longer than 1500 ms|ran out of memory)/);
    // Before, it ran ~2 min and crashed; now the step ends at 1.5 s (the rest is the CLI's start on a busy machine).
    expect(result.ms).toBeLessThan(45_000);
  }, 90_000);
});
