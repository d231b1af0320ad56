import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ownership, ownedUnit } from './ownership.js';

describe('ownedUnit', () => {
  it('owns scoped names by scope and unscoped names by name', () => {
    expect(ownedUnit('@acme/crm')).toEqual({ kind: 'scope', id: '@acme' });
    expect(ownedUnit('left-pad')).toEqual({ kind: 'package', id: 'left-pad' });
  });
});

describe('Ownership', () => {
  let dir: string;
  let file: string;
  const reserved = new Map([['@mova', ['root']]]);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mova-ownership-'));
    file = join(dir, 'owners.json');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives a scope to its first claimant only, and keeps it across loads', async () => {
    const ownership = await Ownership.load(file, reserved);
    expect(ownership.ownersOf('@acme/crm')).toMatchObject({ owners: undefined, reserved: false });
    const first = ownership.claim('@acme/crm', 'alice');
    const second = ownership.claim('@acme/mail', 'bob');
    await Promise.all([first, second]);
    expect(ownership.ownersOf('@acme/mail').owners).toEqual(['alice']);

    const reloaded = await Ownership.load(file, reserved);
    expect(reloaded.ownersOf('@acme/anything').owners).toEqual(['alice']);
    expect(JSON.parse(await readFile(file, 'utf8')).scopes['@acme']).toMatchObject({ owners: ['alice'] });
  });

  it('keeps reserved scopes with their configured owners, whoever claims them', async () => {
    const ownership = await Ownership.load(file, reserved);
    await ownership.claim('@mova/connector-x', 'mallory');
    expect(ownership.ownersOf('@mova/connector-x')).toMatchObject({ owners: ['root'], reserved: true });
  });

  it('owns unscoped names one by one', async () => {
    const ownership = await Ownership.load(file, reserved);
    await ownership.claim('left-pad', 'alice');
    expect(ownership.ownersOf('left-pad').owners).toEqual(['alice']);
    expect(ownership.ownersOf('right-pad').owners).toBeUndefined();
  });
});
