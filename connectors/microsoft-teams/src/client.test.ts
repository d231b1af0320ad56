import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withGraph } from './client.js';

// Client credentials through @azure/identity on a national cloud's real hosts, in process with nock
// (the conformance test covers the flow through the sandbox, on a loopback sign-in host behind TLS).
// Shapes from "Microsoft identity platform and the OAuth 2.0 client credentials flow"
// (learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow) and channel-list.
const TENANT = 'f5a3c2e1-0000-4000-8000-00000000c0de';
const app = { tenantId: TENANT, clientId: 'app-id', clientSecret: 'app-secret' };

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

function tokenEndpoint(host: string, scope: string, answer: [number, object]) {
  return nock(host)
    .post(`/${TENANT}/oauth2/v2.0/token`, (body) => {
      expect(body).toMatchObject({
        grant_type: 'client_credentials',
        client_id: 'app-id',
        client_secret: 'app-secret',
        scope,
      });
      return true;
    })
    .query(true)
    .reply(...answer);
}

describe('withGraph with client credentials', () => {
  it('gets an app-only token from the national cloud’s sign-in host for its Graph, and calls that Graph', async () => {
    tokenEndpoint('https://login.microsoftonline.us', 'https://graph.microsoft.us/.default', [
      200,
      { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'gov-app-token' },
    ]);
    nock('https://graph.microsoft.us', { reqheaders: { authorization: 'Bearer gov-app-token' } })
      .get('/v1.0/teams/t1/channels')
      .reply(200, { value: [{ id: '19:a@thread.tacv2', displayName: 'General' }] });
    const page = await withGraph({ ...app, ...{ cloud: 'usGovernment' } }, undefined, (graph) =>
      graph.api('/teams/t1/channels').get(),
    );
    expect(page.value).toEqual([{ id: '19:a@thread.tacv2', displayName: 'General' }]);
  });

  it('reports a refused client secret as an auth failure with Entra’s words', async () => {
    tokenEndpoint('https://login.microsoftonline.com', 'https://graph.microsoft.com/.default', [
      401,
      {
        error: 'invalid_client',
        error_description:
          'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.',
        error_codes: [7000215],
      },
    ]);
    await expect(
      withGraph(app, { actionKey: 'teams.list', signal: new AbortController().signal }, (graph) =>
        graph.api('/me/joinedTeams').get(),
      ),
    ).rejects.toMatchObject({
      kind: 'auth',
      actionKey: 'teams.list',
      message: expect.stringContaining('AADSTS7000215'),
    });
  });
});
