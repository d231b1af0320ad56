import { ConnectorError, runAction } from '@mova/sdk';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  BLOB_HOST,
  entraConnection,
  isolateNetwork,
  keyConnection,
  mockToken,
  SHARED_KEY_AUTH,
  storageError,
} from '../../test/support.js';
import connector from '../index.js';

// Request and response shapes from "List Containers"
// (learn.microsoft.com/rest/api/storageservices/list-containers2): GET /?comp=list with prefix,
// marker and maxresults; an EnumerationResults XML body with NextMarker when more follow.
const page = `<?xml version="1.0" encoding="utf-8"?>
<EnumerationResults ServiceEndpoint="${BLOB_HOST}/">
  <Prefix>inv</Prefix>
  <MaxResults>2</MaxResults>
  <Containers>
    <Container>
      <Name>invoices-2024</Name>
      <Properties>
        <Last-Modified>Mon, 06 Jan 2025 10:15:00 GMT</Last-Modified>
        <Etag>"0x8DD2E1A2B3C4D5E"</Etag>
        <LeaseStatus>unlocked</LeaseStatus>
        <LeaseState>available</LeaseState>
        <HasImmutabilityPolicy>false</HasImmutabilityPolicy>
        <HasLegalHold>false</HasLegalHold>
      </Properties>
    </Container>
    <Container>
      <Name>invoices-public</Name>
      <Properties>
        <Last-Modified>Tue, 04 Mar 2025 18:00:00 GMT</Last-Modified>
        <Etag>"0x8DD5C1A2B3C4D5F"</Etag>
        <LeaseStatus>unlocked</LeaseStatus>
        <LeaseState>available</LeaseState>
        <PublicAccess>blob</PublicAccess>
        <HasImmutabilityPolicy>false</HasImmutabilityPolicy>
        <HasLegalHold>false</HasLegalHold>
      </Properties>
    </Container>
  </Containers>
  <NextMarker>/movatest/invoices-q</NextMarker>
</EnumerationResults>`;

describe('containers.list', () => {
  isolateNetwork();

  it('lists one page with a shared key and returns the continuation token', async () => {
    nock(BLOB_HOST, { reqheaders: { authorization: SHARED_KEY_AUTH, 'x-ms-version': /^\d{4}-\d{2}-\d{2}$/ } })
      .get('/')
      .query({ comp: 'list', prefix: 'inv', maxresults: '2' })
      .reply(200, page, { 'content-type': 'application/xml' });

    const out = await runAction(connector, 'containers.list', { prefix: 'inv', limit: 2 }, { auth: keyConnection });

    expect(out).toEqual({
      containers: [
        { name: 'invoices-2024', lastModified: '2025-01-06T10:15:00.000Z', etag: '"0x8DD2E1A2B3C4D5E"' },
        {
          name: 'invoices-public',
          lastModified: '2025-03-04T18:00:00.000Z',
          etag: '"0x8DD5C1A2B3C4D5F"',
          publicAccess: 'blob',
        },
      ],
      continuationToken: '/movatest/invoices-q',
    });
  });

  it('passes the continuation token as the marker and signs in with Entra ID', async () => {
    const connection = entraConnection();
    mockToken(connection, 'entra-access-token');
    nock(BLOB_HOST, { reqheaders: { authorization: 'Bearer entra-access-token' } })
      .get('/')
      .query({ comp: 'list', marker: '/movatest/invoices-q', maxresults: '100' })
      .reply(
        200,
        `<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="${BLOB_HOST}/"><Marker>/movatest/invoices-q</Marker><MaxResults>100</MaxResults><Containers /><NextMarker /></EnumerationResults>`,
        { 'content-type': 'application/xml' },
      );

    const out = await runAction(
      connector,
      'containers.list',
      { continuationToken: '/movatest/invoices-q' },
      { auth: connection },
    );

    expect(out).toEqual({ containers: [] });
  });

  it('turns a refused signature into an auth error with the storage code', async () => {
    nock(BLOB_HOST)
      .get('/')
      .query(true)
      .reply(
        403,
        ...storageError(
          'AuthenticationFailed',
          'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.',
        ),
      );

    const error = await runAction(connector, 'containers.list', {}, { auth: keyConnection }).catch((e) => e);

    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      kind: 'auth',
      status: 403,
      actionKey: 'containers.list',
      vendorMessage:
        'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.',
      message: expect.stringContaining('403 AuthenticationFailed'),
      hint: expect.stringContaining('account key or SAS'),
    });
  });
});
