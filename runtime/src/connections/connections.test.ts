import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers.js';
import { connectionEnvName, envConnections, loadConnections } from './connections.js';

describe('loadConnections', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let file: string;

  beforeAll(async () => {
    dir = await tempDir();
    file = join(dir.path, 'connections.json');
    await writeFile(
      file,
      JSON.stringify({
        'github-prod': { connector: 'github', auth: { token: 'from-file' } },
        broken: { auth: {} },
      }),
    );
  });
  afterAll(() => dir.remove());

  it('names environment variables after the connection', () => {
    expect(connectionEnvName('github-prod')).toBe('MOVA_CONNECTION_GITHUB_PROD');
  });

  it('reads the file, with the environment taking precedence', async () => {
    const fileOnly = await loadConnections({ file });
    expect(await fileOnly.get('github-prod')).toEqual({ connector: 'github', auth: { token: 'from-file' } });
    const withEnv = await loadConnections({
      file,
      env: { MOVA_CONNECTION_GITHUB_PROD: '{"connector":"github","auth":{"token":"from-env"}}' },
    });
    expect(await withEnv.get('github-prod')).toEqual({ connector: 'github', auth: { token: 'from-env' } });
    expect(await withEnv.get('nope')).toBeUndefined();
  });

  it('says which entry is malformed without echoing secrets', async () => {
    const connections = await loadConnections({ file, env: { MOVA_CONNECTION_BAD: '{"token": "s3cret' } });
    await expect(connections.get('broken')).rejects.toThrow(/"broken" is not a connection/);
    const error = await connections.get('bad').catch((e) => e);
    expect(error.message).toBe('MOVA_CONNECTION_BAD is not valid JSON');
    expect(error.message).not.toContain('s3cret');
  });

  it('fails clearly on a missing file', async () => {
    await expect(loadConnections({ file: join(dir.path, 'missing.json') })).rejects.toThrow(
      /cannot read the connections file/,
    );
  });
});

// The issue: a trusted worker read every MOVA_CONNECTION_* secret out of the host's environment,
// unused ones included. What the process starts later inherits its environment, so the secrets
// must leave it once read.
describe('envConnections over process.env', () => {
  const VARIABLE = 'MOVA_CONNECTION_ENV_TEST_PROD';
  const SECRET = 'tok-env-test-8191';
  const value = JSON.stringify({ connector: 'github', auth: { token: SECRET } });

  it('moves the variables out of process.env, and every provider still finds them', async () => {
    process.env[VARIABLE] = value;
    const first = envConnections(process.env);
    expect(process.env[VARIABLE]).toBeUndefined();
    expect(Object.keys(process.env).filter((key) => key.startsWith('MOVA_CONNECTION_'))).toEqual([]);
    expect(await first.get('env-test-prod')).toEqual({ connector: 'github', auth: { token: SECRET } });
    const second = await loadConnections({ env: process.env });
    expect(await second.get('env-test-prod')).toMatchObject({ auth: { token: SECRET } });
    expect(await second.names?.()).toContain('env-test-prod');
  });

  it('so a child process or a worker started afterwards inherits none of them', async () => {
    process.env[VARIABLE] = value;
    envConnections(process.env);
    const script = 'console.log(JSON.stringify(process.env))';
    const child = await promisify(execFile)(process.execPath, ['-e', script]);
    expect(child.stdout).not.toContain(SECRET);
    const fromWorker = await new Promise<string>((resolve, reject) => {
      const worker = new Worker('require("node:worker_threads").parentPort.postMessage(JSON.stringify(process.env))', {
        eval: true,
      });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    expect(fromWorker).not.toContain(SECRET);
  });

  it('picks up a variable set later, and reads other objects without changing them', async () => {
    const provider = envConnections(process.env);
    process.env.MOVA_CONNECTION_LATER = value;
    expect(await provider.get('later')).toMatchObject({ connector: 'github' });
    expect(process.env.MOVA_CONNECTION_LATER).toBeUndefined();
    const own = { [VARIABLE]: value };
    expect(await envConnections(own).get('env-test-prod')).toMatchObject({ connector: 'github' });
    expect(own[VARIABLE]).toBe(value);
  });
});
