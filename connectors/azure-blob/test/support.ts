import { randomBytes, randomUUID } from 'node:crypto';
import nock from 'nock';
import { afterEach, beforeEach, expect } from 'vitest';

export const ACCOUNT = 'movatest';
export const BLOB_HOST = `https://${ACCOUNT}.blob.core.windows.net`;
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** A throwaway account key, fresh per test file: signatures are checked against it, never against Azure. */
export const ACCOUNT_KEY = randomBytes(64).toString('base64');

export const keyConnection = {
  method: 'connectionString',
  connectionString: `DefaultEndpointsProtocol=https;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};EndpointSuffix=core.windows.net`,
};

/**
 * An Entra ID connection. Each call gets its own client id, so the connector's per-connection
 * client cache (and its token cache) never carries a token from one test into another.
 */
export function entraConnection() {
  return {
    method: 'clientSecret',
    tenantId: TENANT,
    clientId: randomUUID(),
    clientSecret: 'app-secret-value',
    accountName: ACCOUNT,
  };
}

/** Blocks every address but loopback and fails a test that leaves an expected request unmade. */
export function isolateNetwork(): void {
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
}

/**
 * The client credentials token request, shaped as in "Microsoft identity platform and the OAuth 2.0
 * client credentials flow" (learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow).
 */
export function mockToken(
  connection: { clientId: string; clientSecret: string },
  accessToken: string,
  authorityHost = 'https://login.microsoftonline.com',
): nock.Scope {
  return nock(authorityHost)
    .post(`/${TENANT}/oauth2/v2.0/token`, (body) => {
      expect(body).toMatchObject({
        grant_type: 'client_credentials',
        client_id: connection.clientId,
        client_secret: connection.clientSecret,
        scope: 'https://storage.azure.com/.default',
      });
      return true;
    })
    .query(true)
    .reply(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
}

/** An Azure Storage error body and headers, as in "Status and error codes" (rest/api/storageservices). */
export function storageError(code: string, message: string): [string, Record<string, string>] {
  const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}\nRequestId:5f0c1a3e-801e-0042-1c2b-0fd0a2000000\nTime:2025-03-04T18:00:00.0000000Z</Message></Error>`;
  return [body, { 'content-type': 'application/xml', 'x-ms-error-code': code, 'x-ms-request-id': randomUUID() }];
}

/** Shared Key requests carry `SharedKey <account>:<base64 HMAC>` ("Authorize with Shared Key"). */
export const SHARED_KEY_AUTH = new RegExp(`^SharedKey ${ACCOUNT}:[A-Za-z0-9+/]+=*$`);
