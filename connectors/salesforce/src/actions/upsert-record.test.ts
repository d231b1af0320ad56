// Shapes from the REST API Developer Guide, "Insert or Update (Upsert) a Record Using an External ID"
// (dome_upsert.htm): PATCH .../sobjects/Account/<field>/<value> answers 201 with created: true for a new
// record, 200 with created: false for an update, and 300 when the value matches several records.
import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { BASE, connection, orgApi } from '../../test/salesforce-api.js';
import connector from '../index.js';

describe('records.upsert', () => {
  it('creates a record when no record has the external id', async () => {
    orgApi()
      .patch(`${BASE}/sobjects/Account/customExtIdField__c/11999`, {
        Name: 'California Wheat Corporation',
        Type: 'New Customer',
      })
      .reply(201, { id: '001D000000Kv3g5IAB', success: true, errors: [], created: true });
    const out = await runAction(
      connector,
      'records.upsert',
      {
        object: 'Account',
        externalIdField: 'customExtIdField__c',
        externalId: '11999',
        fields: { Name: 'California Wheat Corporation', Type: 'New Customer' },
      },
      { auth: connection },
    );
    expect(out).toEqual({ id: '001D000000Kv3g5IAB', created: true });
  });

  it('updates the matching record, encoding the external id in the path', async () => {
    orgApi()
      .patch(`${BASE}/sobjects/Account/customExtIdField__c/ACME%2F42%20b`, { BillingCity: 'San Francisco' })
      .reply(200, { id: '001D000000Kv3g5IAB', success: true, errors: [], created: false });
    const out = await runAction(
      connector,
      'records.upsert',
      {
        object: 'Account',
        externalIdField: 'customExtIdField__c',
        externalId: 'ACME/42 b',
        fields: { BillingCity: 'San Francisco' },
      },
      { auth: connection },
    );
    expect(out).toEqual({ id: '001D000000Kv3g5IAB', created: false });
  });

  it('maps 300 Multiple Choices (several records match) to conflict', async () => {
    orgApi()
      .patch(`${BASE}/sobjects/Account/customExtIdField__c/11999`)
      .reply(300, [`${BASE}/sobjects/Account/001D000000Kv3g5IAB`, `${BASE}/sobjects/Account/001D000000Kv3g6IAB`]);
    await expect(
      runAction(
        connector,
        'records.upsert',
        { object: 'Account', externalIdField: 'customExtIdField__c', externalId: '11999', fields: { Name: 'x' } },
        { auth: connection },
      ),
    ).rejects.toMatchObject({ kind: 'conflict', hint: expect.stringContaining('several records') });
  });
});
