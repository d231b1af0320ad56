import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_REGISTRY, npmrcToken, resolveRegistry, saveToken } from './config.js';

async function envWith(movarc?: object) {
  const dir = await mkdtemp(join(tmpdir(), 'movarc-'));
  const path = join(dir, '.movarc');
  if (movarc) await writeFile(path, JSON.stringify(movarc));
  return { MOVA_CONFIG: path } as NodeJS.ProcessEnv;
}

describe('resolveRegistry', () => {
  it('prefers flags, then env, then ~/.movarc, then the local default', async () => {
    const env = await envWith({ registry: 'http://rc.test:1', tokens: { 'http://rc.test:1/': 'rc-token' } });
    expect(await resolveRegistry({}, env)).toEqual({
      url: 'http://rc.test:1/',
      token: 'rc-token',
      source: { url: 'movarc', token: 'movarc' },
    });
    expect(await resolveRegistry({}, { ...env, MOVA_REGISTRY: 'http://env.test', MOVA_REGISTRY_TOKEN: 'e' })).toEqual({
      url: 'http://env.test/',
      token: 'e',
      source: { url: 'env', token: 'env' },
    });
    expect(await resolveRegistry({ registry: 'http://flag.test/', token: 'f' }, env)).toMatchObject({
      url: 'http://flag.test/',
      token: 'f',
    });
    expect(await resolveRegistry({}, await envWith(), () => undefined)).toEqual({
      url: DEFAULT_REGISTRY,
      source: { url: 'default' },
    });
  });

  it('falls back to the token npm has for that registry in .npmrc', async () => {
    const asked: string[] = [];
    const npmrc = (url: string) => {
      asked.push(url);
      return url === 'http://rc.test:1/' ? 'npm-token' : undefined;
    };
    const env = await envWith({ registry: 'http://rc.test:1' });
    expect(await resolveRegistry({}, env, npmrc)).toEqual({
      url: 'http://rc.test:1/',
      token: 'npm-token',
      source: { url: 'movarc', token: 'npmrc' },
    });
    expect(await resolveRegistry({}, { ...env, MOVA_REGISTRY_TOKEN: 'e' }, npmrc)).toMatchObject({ token: 'e' });
    expect(asked).toEqual(['http://rc.test:1/']);
  });

  it('reads .npmrc as npm does, with environment references, for the registry and its paths', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'npmrc-'));
    const userconfig = join(dir, 'npmrc');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: npm's own ${VAR} syntax, expanded when .npmrc is read
    await writeFile(userconfig, '//npm.test:4873/:_authToken=${NPMRC_TEST_TOKEN}\n');
    vi.stubEnv('NPM_CONFIG_USERCONFIG', userconfig);
    vi.stubEnv('NPMRC_TEST_TOKEN', 'from-npmrc');
    try {
      expect(npmrcToken('http://npm.test:4873/')).toBe('from-npmrc');
      expect(npmrcToken('http://npm.test:4873/sub/path/')).toBe('from-npmrc');
      expect(npmrcToken('http://other.test:4873/')).toBeUndefined();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('explains a bad URL and a broken ~/.movarc', async () => {
    await expect(resolveRegistry({ registry: 'not a url' }, await envWith())).rejects.toThrow('is not a registry URL');
    const env = await envWith();
    await writeFile(env.MOVA_CONFIG as string, '{ nope');
    await expect(resolveRegistry({}, env)).rejects.toThrow('is not valid JSON');
  });
});

describe('saveToken', () => {
  it('stores the token per registry, private to the user, and makes it the default', async () => {
    const env = await envWith({ tokens: { 'http://other.test/': 'keep' } });
    const path = await saveToken('http://127.0.0.1:4873', 'tok', env);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      registry: 'http://127.0.0.1:4873/',
      tokens: { 'http://other.test/': 'keep', 'http://127.0.0.1:4873/': 'tok' },
    });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await resolveRegistry({}, env)).toMatchObject({ url: 'http://127.0.0.1:4873/', token: 'tok' });
  });
});
