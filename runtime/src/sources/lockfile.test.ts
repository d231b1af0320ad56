import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers.js';
import { findLocked, lockedRanges, lockRange } from './lock-entries.js';
import {
  checkLockfile,
  emptyLockfile,
  formatLockfile,
  type Lockfile,
  LockfileError,
  parseLockfile,
  readLockfile,
  writeLockfile,
} from './lockfile.js';

const sha = (n: number) => `sha512-${Buffer.alloc(64, n).toString('base64')}`;
const REGISTRY = 'http://127.0.0.1:4873/';
const pin = (name: string, version: string, n: number) => ({
  resolved: `${REGISTRY}${name}/-/${name.split('/').pop()}-${version}.tgz`,
  integrity: sha(n),
  contentIntegrity: sha(n + 100),
  registry: REGISTRY,
});

describe('lockfile', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(() => dir.remove());

  it('round-trips through the file with stable order and a final newline', async () => {
    // Built in an order different from the written one: the text must not depend on it.
    let lock = lockRange(
      emptyLockfile(),
      '@mova/connector-slack',
      '~1.4',
      '1.4.2',
      pin('@mova/connector-slack', '1.4.2', 1),
    );
    lock = lockRange(lock, '@mova/connector-github', '^2', '2.1.0', pin('@mova/connector-github', '2.1.0', 2));
    lock = lockRange(lock, '@mova/connector-github', '^1', '1.9.0', pin('@mova/connector-github', '1.9.0', 3));
    lock = lockRange(lock, '@mova/connector-github', '>=2.1', '2.1.0', pin('@mova/connector-github', '2.1.0', 2));
    const path = join(dir.path, 'mova.lock.json');
    await writeLockfile(path, lock);
    const text = await readFile(path, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      lockfileVersion: 1,
      connectors: {
        '@mova/connector-github': {
          '1.9.0': { ranges: ['^1'], ...pin('@mova/connector-github', '1.9.0', 3) },
          '2.1.0': { ranges: ['>=2.1', '^2'], ...pin('@mova/connector-github', '2.1.0', 2) },
        },
        '@mova/connector-slack': { '1.4.2': { ranges: ['~1.4'], ...pin('@mova/connector-slack', '1.4.2', 1) } },
      },
    });
    expect(Object.keys(JSON.parse(text).connectors)).toEqual(['@mova/connector-github', '@mova/connector-slack']);
    expect(Object.keys(JSON.parse(text).connectors['@mova/connector-github'])).toEqual(['1.9.0', '2.1.0']);
    expect(Object.keys(JSON.parse(text).connectors['@mova/connector-slack']['1.4.2'])).toEqual([
      'ranges',
      'resolved',
      'integrity',
      'contentIntegrity',
      'registry',
    ]);
    const read = await readLockfile(path);
    expect(read).toEqual(parseLockfile(text));
    expect(formatLockfile(read ?? emptyLockfile())).toBe(text);
  });

  it('reads no lockfile as undefined', async () => {
    expect(await readLockfile(join(dir.path, 'none.json'))).toBeUndefined();
  });

  it('reports every problem with a JSON pointer', () => {
    const document = {
      lockfileVersion: 1,
      extra: true,
      connectors: {
        '@mova/connector-github': {
          '1.2.0': {
            ranges: ['^2', 'not a range'],
            resolved: 'ftp://x',
            integrity: 'sha1-abc',
            contentIntegrity: sha(1),
            registry: REGISTRY,
            note: 'x',
          },
          v2: { ranges: ['*'], ...pin('@mova/connector-github', '2.0.0', 1) },
        },
        'Bad Name': { '1.0.0': { ranges: ['^1'], ...pin('x', '1.0.0', 1) } },
      },
    };
    const { lockfile, issues } = checkLockfile(document);
    expect(lockfile).toBeUndefined();
    expect(issues.map(({ pointer, message }) => `${pointer} ${message}`)).toEqual([
      '/extra is not a lockfile field',
      '/connectors/@mova~1connector-github/1.2.0/note is not a lockfile field',
      '/connectors/@mova~1connector-github/1.2.0/ranges/0 "^2" does not allow 1.2.0',
      '/connectors/@mova~1connector-github/1.2.0/ranges/1 "not a range" is not a semver range',
      '/connectors/@mova~1connector-github/1.2.0/resolved must be an http(s) URL',
      '/connectors/@mova~1connector-github/1.2.0/integrity must be a sha512-… integrity',
      '/connectors/@mova~1connector-github/v2 "v2" is not an exact semver version',
      '/connectors/Bad Name "Bad Name" is not an npm package name',
    ]);
    expect(issues.every((issue) => issue.hint.length > 0)).toBe(true);
  });

  it('refuses a range locked to two versions, a newer format and text that is not JSON', () => {
    const twice = {
      lockfileVersion: 1,
      connectors: {
        '@mova/connector-echo': {
          '1.0.0': { ranges: ['^1'], ...pin('e', '1.0.0', 1) },
          '1.2.0': { ranges: ['^1'], ...pin('e', '1.2.0', 2) },
        },
      },
    };
    expect(checkLockfile(twice).issues).toEqual([
      expect.objectContaining({
        pointer: '/connectors/@mova~1connector-echo/1.2.0/ranges',
        message: '"^1" is locked twice, to 1.0.0 and to 1.2.0',
      }),
    ]);
    expect(checkLockfile({ lockfileVersion: 2, connectors: {} }).issues).toEqual([
      {
        pointer: '/lockfileVersion',
        message: 'must be 1, not 2',
        hint: 'A newer mova-connector wrote it: upgrade @mova/cli and @mova/runtime.',
      },
    ]);
    const error = (() => {
      try {
        return parseLockfile('{ "lockfileVersion": 1,', 'project/mova.lock.json');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LockfileError);
    expect((error as LockfileError).message).toMatch(/^project\/mova\.lock\.json#: is not valid JSON: /);
  });

  it('refuses to write a lockfile it could not read back', async () => {
    const bad: Lockfile = lockRange(emptyLockfile(), '@mova/connector-echo', '^2', '1.0.0', pin('e', '1.0.0', 1));
    const path = join(dir.path, 'bad.lock.json');
    await writeFile(path, 'untouched');
    await expect(writeLockfile(path, bad)).rejects.toThrow('"^2" does not allow 1.0.0');
    expect(await readFile(path, 'utf8')).toBe('untouched');
  });
});

describe('lock entries', () => {
  const echo = '@mova/connector-echo';
  let lock = lockRange(emptyLockfile(), echo, '^1', '1.0.0', pin(echo, '1.0.0', 1));
  lock = lockRange(lock, echo, '~1.0', '1.0.0', pin(echo, '1.0.0', 1));
  lock = lockRange(lock, echo, '^2', '2.0.0', pin(echo, '2.0.0', 2));

  it('finds the version a range was locked to, else the highest locked version that satisfies it', () => {
    expect(findLocked(lock, echo, '^1')?.version).toBe('1.0.0');
    expect(findLocked(lock, echo, '^2')?.version).toBe('2.0.0');
    expect(findLocked(lock, echo, '>=1')?.version).toBe('2.0.0');
    expect(findLocked(lock, echo, '^3')).toBeUndefined();
    expect(findLocked(lock, '@mova/connector-other', '^1')).toBeUndefined();
  });

  it('moves a range to a new version and drops versions left without ranges', () => {
    const moved = lockRange(lock, echo, '^1', '1.2.0', pin(echo, '1.2.0', 3));
    expect(lockedRanges(moved).map((r) => `${r.range}=${r.version}`)).toEqual(['~1.0=1.0.0', '^1=1.2.0', '^2=2.0.0']);
    const both = lockRange(moved, echo, '~1.0', '1.0.5', pin(echo, '1.0.5', 4));
    expect(Object.keys(both.connectors[echo] ?? {}).sort()).toEqual(['1.0.5', '1.2.0', '2.0.0']);
    // The input is left as it was.
    expect(findLocked(lock, echo, '^1')?.version).toBe('1.0.0');
  });
});
