import { describe, expect, it } from 'vitest';
import { packageRoute, tarballVersion } from './package-route.js';

describe('packageRoute', () => {
  it('reads scoped names encoded as npm sends them, and plain as tarball URLs have them', () => {
    expect(packageRoute('/@acme%2fcrm')).toEqual({ name: '@acme/crm', rest: [] });
    expect(packageRoute('/@acme%2Fcrm/-rev/3-abc?write=true')).toEqual({ name: '@acme/crm', rest: ['-rev', '3-abc'] });
    expect(packageRoute('/@acme/crm/-/crm-1.0.0.tgz')).toEqual({ name: '@acme/crm', rest: ['-', 'crm-1.0.0.tgz'] });
    expect(packageRoute('/left-pad/-/left-pad-1.3.0.tgz/-rev/5-x')).toEqual({
      name: 'left-pad',
      rest: ['-', 'left-pad-1.3.0.tgz', '-rev', '5-x'],
    });
  });

  it('names no package for registry-wide endpoints', () => {
    expect(packageRoute('/-/user/org.couchdb.user:alice')).toBeUndefined();
    expect(packageRoute('/-/mova/v1/connectors')).toBeUndefined();
    expect(packageRoute('/')).toBeUndefined();
    expect(packageRoute('/@acme')).toBeUndefined();
    expect(packageRoute('/%E0%A4%A')).toBeUndefined();
  });
});

describe('tarballVersion', () => {
  it('reads the version from the file name, prereleases included', () => {
    expect(tarballVersion('@acme/crm', 'crm-1.2.0.tgz')).toBe('1.2.0');
    expect(tarballVersion('left-pad', 'left-pad-2.0.0-beta.1.tgz')).toBe('2.0.0-beta.1');
    expect(tarballVersion('@acme/crm', 'other-1.0.0.tgz')).toBeUndefined();
    expect(tarballVersion('@acme/crm', 'crm-1.0.0.tar')).toBeUndefined();
  });
});
