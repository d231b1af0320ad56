import { describe, expect, it } from 'vitest';
import { authOf, versionOf, withQuery } from './client.js';

const serviceUrl = 'https://s4.example.com/sap/opu/odata/sap/API_BUSINESS_PARTNER';

describe('authOf', () => {
  it('uses basic auth for a username and password', () => {
    expect(authOf({ serviceUrl, odataVersion: 'auto', username: 'u', password: 'p' })).toMatchObject({
      definition: { kind: 'basic' },
      value: { username: 'u', password: 'p' },
    });
  });

  it('uses the client credentials grant against the connection’s token URL', () => {
    const tokenUrl = 'https://acme.authentication.eu10.hana.ondemand.com/oauth/token';
    expect(
      authOf({ serviceUrl, odataVersion: 'auto', tokenUrl, clientId: 'c', clientSecret: 's', scope: 'API.Read' }),
    ).toMatchObject({
      definition: { kind: 'oauth2', tokenUrl, flows: ['client_credentials'] },
      value: { clientId: 'c', clientSecret: 's', scope: 'API.Read' },
    });
  });

  it('refuses half a login and a connection with no credentials', () => {
    expect(() => authOf({ serviceUrl, odataVersion: 'auto', username: 'u' })).toThrow(/both username and password/);
    expect(() => authOf({ serviceUrl, odataVersion: 'auto', clientId: 'c', clientSecret: 's' })).toThrow(/neither/);
  });
});

describe('versionOf', () => {
  it('reads the version header, else the service document’s shape', () => {
    expect(versionOf({ headers: { 'odata-version': '4.0' }, data: {} })).toBe(4);
    expect(versionOf({ headers: { dataserviceversion: '2.0' }, data: {} })).toBe(2);
    expect(versionOf({ headers: {}, data: { d: { EntitySets: ['A'] } } })).toBe(2);
    expect(versionOf({ headers: {}, data: { '@odata.context': '$metadata', value: [] } })).toBe(4);
    expect(versionOf({ headers: { dataserviceversion: '3.0' }, data: {} })).toBeUndefined();
    expect(versionOf({ headers: {}, data: '<html>' })).toBeUndefined();
  });
});

describe('withQuery', () => {
  it('encodes spaces as %20, never +, and keeps $ readable', () => {
    expect(withQuery('/A_X', { $filter: "Name eq 'a b+c'", $top: 5, skipped: undefined })).toBe(
      "/A_X?$filter=Name%20eq%20'a%20b%2Bc'&$top=5",
    );
    expect(withQuery('/A_X', {})).toBe('/A_X');
  });
});
