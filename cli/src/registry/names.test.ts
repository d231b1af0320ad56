import { describe, expect, it } from 'vitest';
import {
  compatibleRange,
  installCommand,
  packageNameOf,
  parsePackageSpec,
  shortNameOf,
  usesReference,
} from './names.js';

describe('connector names', () => {
  it('reads a bare name as a first-party package and keeps scoped names', () => {
    expect(packageNameOf('github')).toBe('@mova/connector-github');
    expect(packageNameOf('azure-blob')).toBe('@mova/connector-azure-blob');
    expect(packageNameOf('@acme/connector-crm')).toBe('@acme/connector-crm');
    expect(() => packageNameOf('Git Hub')).toThrow('"Git Hub" is not a connector name');
    expect(() => packageNameOf('@acme')).toThrow('is not a connector name');
  });

  it('refuses an unscoped package name where a short name belongs, naming both right forms', () => {
    expect(() => packageNameOf('connector-acme')).toThrow(
      '"connector-acme" is a package name without a scope, not a connector name',
    );
    try {
      packageNameOf('connector-acme');
    } catch (error) {
      expect((error as { hint?: string }).hint).toMatch(
        /write acme for @mova\/connector-acme, or .* @acme\/connector-acme\.$/,
      );
    }
  });

  it('writes first-party packages short and others in full', () => {
    expect(shortNameOf('@mova/connector-github')).toBe('github');
    expect(shortNameOf('@acme/connector-crm')).toBe('@acme/connector-crm');
  });

  it('ranges stay below the next breaking version (a minor below 1.0.0)', () => {
    expect(compatibleRange('1.4.2')).toBe('^1');
    expect(compatibleRange('2.0.0-rc.1')).toBe('^2');
    expect(compatibleRange('0.3.1')).toBe('^0.3');
  });

  it('builds the install command and uses: line of the design', () => {
    expect(installCommand('@mova/connector-github', '1.2.0')).toBe('mova-connector install github@^1');
    expect(usesReference('@mova/connector-github', 'issues.create', '1.2.0')).toBe('github/issues.create@^1');
    expect(usesReference('@acme/connector-crm', 'deals.create', '0.4.0')).toBe('@acme/connector-crm/deals.create@^0.4');
  });

  it('splits a spec at the version, not at the scope', () => {
    expect(parsePackageSpec('github@1.0.0')).toEqual({ name: '@mova/connector-github', range: '1.0.0' });
    expect(parsePackageSpec('@acme/connector-crm@<2')).toEqual({ name: '@acme/connector-crm', range: '<2' });
    expect(parsePackageSpec('@acme/connector-crm')).toEqual({ name: '@acme/connector-crm', range: undefined });
    expect(parsePackageSpec('github@')).toEqual({ name: '@mova/connector-github', range: undefined });
  });
});
