import { describe, expect, it } from 'vitest';
import { compileSchema } from '../../validator.js';
import { GRAPH_HOSTS } from './clouds.js';
import { graphAuth, graphConnectionOf, graphCredentialsOf, graphEndpointsOf } from './connection.js';

describe('graphAuth', () => {
  it('is OAuth 2.0 with both flows and the Graph fields beside the tokens', () => {
    const auth = graphAuth({ scopes: ['offline_access', 'Mail.Read'] });
    expect(auth).toMatchObject({
      kind: 'oauth2',
      flows: ['authorization_code', 'client_credentials'],
      tokenUrl: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token',
      scopes: ['offline_access', 'Mail.Read'],
    });
    expect(Object.keys(auth.schema.properties)).toEqual(
      expect.arrayContaining([
        'accessToken',
        'refreshToken',
        'clientId',
        'clientSecret',
        'tenantId',
        'cloud',
        'graphUrl',
        'loginUrl',
      ]),
    );
    const check = compileSchema(auth.schema);
    expect(
      check({ tenantId: 'contoso.onmicrosoft.com', clientId: 'id', clientSecret: 's', cloud: 'usGovernment' }),
    ).toEqual([]);
    expect(check({ cloud: 'mars' })).not.toEqual([]);
    expect(check({ graphUrl: 'http://graph.example.com' })).not.toEqual([]);
  });
});

describe('graphEndpointsOf', () => {
  it('picks the national cloud’s Graph and sign-in hosts, and the tenant’s token endpoint', () => {
    expect(graphEndpointsOf({ cloud: 'usGovernment', tenantId: 't1' })).toEqual({
      graphUrl: 'https://graph.microsoft.us',
      loginUrl: 'https://login.microsoftonline.us',
      tokenUrl: 'https://login.microsoftonline.us/t1/oauth2/v2.0/token',
      defaultScope: 'https://graph.microsoft.us/.default',
    });
    expect(graphEndpointsOf({ cloud: 'china' }).tokenUrl).toBe(
      'https://login.chinacloudapi.cn/organizations/oauth2/v2.0/token',
    );
    const local = graphEndpointsOf({
      graphUrl: 'http://127.0.0.1:4000/',
      loginUrl: 'http://127.0.0.1:4001',
      tenantId: 't',
    });
    expect(local).toMatchObject({
      graphUrl: 'http://127.0.0.1:4000',
      tokenUrl: 'http://127.0.0.1:4001/t/oauth2/v2.0/token',
    });
    expect(() => graphEndpointsOf({ graphUrl: 'http://graph.example.com' })).toThrow(TypeError);
    expect(GRAPH_HOSTS).toEqual(
      expect.arrayContaining([
        'graph.microsoft.com',
        'login.microsoftonline.us',
        'dod-graph.microsoft.us',
        'microsoftgraph.chinacloudapi.cn',
      ]),
    );
  });
});

describe('graphCredentialsOf', () => {
  it('uses a signed-in user’s tokens first, else client credentials with a tenant', () => {
    const connection = graphConnectionOf({
      accessToken: 'at',
      refreshToken: 'rt',
      clientId: 'app',
      clientSecret: 'secret',
      ...{ tenantId: 'contoso.onmicrosoft.com', cloud: 'global', unknown: 1 },
    });
    expect(graphCredentialsOf(connection)).toMatchObject({
      kind: 'delegated',
      refreshToken: 'rt',
      tokenUrl: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
    });
    expect(
      graphCredentialsOf({ clientId: 'app', clientSecret: 'secret', tenantId: 't', cloud: 'usGovernmentDoD' }),
    ).toEqual({
      kind: 'clientCredentials',
      tenantId: 't',
      clientId: 'app',
      clientSecret: 'secret',
      authorityHost: 'https://login.microsoftonline.us',
      scope: 'https://dod-graph.microsoft.us/.default',
      disableInstanceDiscovery: false,
    });
    const proxied = graphCredentialsOf({
      clientId: 'app',
      clientSecret: 'secret',
      tenantId: 't',
      loginUrl: 'https://login.proxy.example.com',
      caCertificate: 'PEM',
    });
    expect(proxied).toMatchObject({ disableInstanceDiscovery: true, caCertificate: 'PEM' });
  });

  it('refuses client credentials without a tenant, a refresh token without a client, and nothing at all', () => {
    expect(() => graphCredentialsOf({ clientId: 'a', clientSecret: 'b' })).toThrow(/tenant/);
    expect(() => graphCredentialsOf({ refreshToken: 'rt' })).toThrow(/client id/);
    expect(() => graphCredentialsOf({})).toThrow(expect.objectContaining({ kind: 'auth' }));
  });
});
