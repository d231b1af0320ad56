import { describe, expect, it } from 'vitest';
import { authOf } from './client.js';

const instance = 'https://dev1.service-now.com';

describe('authOf', () => {
  it('uses basic auth for a username and password', () => {
    expect(authOf({ instanceUrl: instance, username: 'u', password: 'p' }, instance)).toMatchObject({
      definition: { kind: 'basic' },
      value: { username: 'u', password: 'p' },
    });
  });

  it('uses OAuth 2.0 against the instance’s token endpoint otherwise', () => {
    expect(authOf({ instanceUrl: instance, clientId: 'c', clientSecret: 's' }, instance)).toMatchObject({
      definition: { kind: 'oauth2', tokenUrl: `${instance}/oauth_token.do`, flows: ['client_credentials'] },
      value: { clientId: 'c', clientSecret: 's' },
    });
  });

  it('refuses half a basic login and a connection with no credentials', () => {
    expect(() => authOf({ instanceUrl: instance, username: 'u' }, instance)).toThrow(/both username and password/);
    expect(() => authOf({ instanceUrl: instance }, instance)).toThrow(/neither/);
  });
});
