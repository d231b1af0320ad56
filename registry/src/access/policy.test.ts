import { describe, expect, it } from 'vitest';
import type { Owners } from './ownership.js';
import { decideChange, decidePublish, decideUnpublish } from './policy.js';

const admins = new Set(['root']);
const unowned: Owners = { unit: { kind: 'scope', id: '@acme' }, owners: undefined, reserved: false };
const acme: Owners = { unit: { kind: 'scope', id: '@acme' }, owners: ['alice'], reserved: false };
const mova: Owners = { unit: { kind: 'scope', id: '@mova' }, owners: ['root', 'bot'], reserved: true };
const leftPad: Owners = { unit: { kind: 'package', id: 'left-pad' }, owners: ['alice'], reserved: false };

describe('decidePublish', () => {
  it('asks anonymous publishers to sign in', () => {
    expect(decidePublish(undefined, '@acme/crm', acme, admins)).toMatchObject({
      allowed: false,
      status: 401,
      message: expect.stringContaining('npm adduser'),
    });
  });

  it('lets the first publisher claim an unowned scope', () => {
    expect(decidePublish('bob', '@acme/crm', unowned, admins)).toEqual({ allowed: true, claims: true });
  });

  it('lets owners and admins publish without claiming anything', () => {
    expect(decidePublish('alice', '@acme/crm', acme, admins)).toEqual({ allowed: true, claims: false });
    expect(decidePublish('root', '@acme/crm', acme, admins)).toEqual({ allowed: true, claims: false });
  });

  it('refuses others, naming the owner and a scope they could use', () => {
    expect(decidePublish('Bob', '@acme/crm', acme, admins)).toEqual({
      allowed: false,
      status: 403,
      message:
        'The scope @acme belongs to alice (its first publisher), so Bob may not publish "@acme/crm". ' +
        'Publish under a scope of your own, e.g. @bob/crm, or ask an owner of @acme.',
    });
    expect(decidePublish('bob', 'left-pad', leftPad, admins)).toMatchObject({
      status: 403,
      message: expect.stringContaining('"left-pad" belongs to alice (its first publisher), so bob may not publish it'),
    });
    expect(decidePublish('bob', '@mova/connector-x', mova, admins)).toMatchObject({
      status: 403,
      message: expect.stringContaining('The scope @mova is reserved; only its owners (root, bot) may publish'),
    });
  });

  it('keeps a reserved scope without owners closed', () => {
    const closed: Owners = { ...mova, owners: [] };
    expect(decidePublish('bob', '@mova/x', closed, new Set())).toMatchObject({
      allowed: false,
      message: expect.stringContaining('only its owners (nobody yet)'),
    });
  });
});

describe('decideChange', () => {
  it('lets owners and admins change a package, and nobody else', () => {
    expect(decideChange('alice', '@acme/crm', acme, admins)).toMatchObject({ allowed: true });
    expect(decideChange('root', '@acme/crm', acme, admins)).toMatchObject({ allowed: true });
    expect(decideChange('bob', '@acme/crm', acme, admins)).toMatchObject({
      allowed: false,
      status: 403,
      message: 'bob does not own "@acme/crm"; only its owners (alice) may change it.',
    });
  });
});

describe('decideUnpublish', () => {
  it('lets only admins unpublish and points others to deprecation', () => {
    expect(decideUnpublish('root', '@acme/crm', admins, ['1.0.0'])).toMatchObject({ allowed: true });
    expect(decideUnpublish('alice', '@acme/crm', admins, ['1.0.0'])).toEqual({
      allowed: false,
      status: 403,
      message:
        'Only registry admins may unpublish, so alice may not unpublish "@acme/crm@1.0.0". ' +
        'Deprecate it instead: npm deprecate @acme/crm@1.0.0 "<why, and what to use instead>".',
    });
    expect(decideUnpublish('alice', '@acme/crm', admins)).toMatchObject({
      message: expect.stringContaining('npm deprecate @acme/crm@<version>'),
    });
    expect(decideUnpublish(undefined, '@acme/crm', admins)).toMatchObject({ status: 401 });
  });
});
