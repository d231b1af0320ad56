// Shapes from the REST API Developer Guide, "Update a Record" (dome_update_fields.htm): PATCH
// /services/data/vXX.X/sobjects/Account/<id> with the changed fields answers 204 No Content.
import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { BASE, connection, errorBody, orgApi } from '../../test/salesforce-api.js';
import connector from '../index.js';

describe('records.update', () => {
  it('patches only the given fields', async () => {
    orgApi()
      .patch(`${BASE}/sobjects/Account/001D000000INjVeIAL`, { BillingCity: 'San Francisco', Phone: null })
      .reply(204);
    const out = await runAction(
      connector,
      'records.update',
      { object: 'Account', id: '001D000000INjVeIAL', fields: { BillingCity: 'San Francisco', Phone: null } },
      { auth: connection },
    );
    expect(out).toEqual({ id: '001D000000INjVeIAL' });
  });

  it.each([
    [404, 'NOT_FOUND', 'The requested resource does not exist', 'not_found'],
    [404, 'ENTITY_IS_DELETED', 'entity is deleted', 'not_found'],
    [400, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'Billing city must be set', 'invalid_input'],
  ])('maps HTTP %i %s', async (status, code, message, kind) => {
    orgApi().patch(`${BASE}/sobjects/Account/001D000000INjVeIAL`).reply(status, errorBody(code, message));
    await expect(
      runAction(
        connector,
        'records.update',
        { object: 'Account', id: '001D000000INjVeIAL', fields: { BillingCity: '' } },
        { auth: connection },
      ),
    ).rejects.toMatchObject({ kind, vendorMessage: message });
  });

  it('rejects an id that is not a Salesforce id', async () => {
    await expect(
      runAction(
        connector,
        'records.update',
        { object: 'Account', id: '42', fields: { Name: 'x' } },
        { auth: connection },
      ),
    ).rejects.toMatchObject({ code: 'E_VALIDATION' });
  });
});
