import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers.js';
import { connectionEnvName, loadConnections } from './connections.js';

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
