// Shapes from the REST API Developer Guide, "Delete a Record" (dome_delete_record.htm): DELETE
// /services/data/vXX.X/sobjects/Account/<id> answers 204 No Content.
import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { BASE, connection, errorBody, orgApi } from '../../test/salesforce-api.js';
import connector from '../index.js';

describe('records.delete', () => {
  it('deletes the record', async () => {
    orgApi().delete(`${BASE}/sobjects/Account/001D000000INjVeIAL`).reply(204);
    const out = await runAction(
      connector,
      'records.delete',
      { object: 'Account', id: '001D000000INjVeIAL' },
      { auth: connection },
    );
    expect(out).toEqual({ id: '001D000000INjVeIAL' });
  });

  it('maps ENTITY_IS_DELETED (already in the Recycle Bin) to not_found', async () => {
    orgApi()
      .delete(`${BASE}/sobjects/Account/001D000000INjVeIAL`)
      .reply(404, errorBody('ENTITY_IS_DELETED', 'entity is deleted'));
    await expect(
      runAction(connector, 'records.delete', { object: 'Account', id: '001D000000INjVeIAL' }, { auth: connection }),
    ).rejects.toMatchObject({ kind: 'not_found', actionKey: 'records.delete' });
  });

  it('maps INSUFFICIENT_ACCESS_OR_READONLY to auth', async () => {
    orgApi()
      .delete(`${BASE}/sobjects/Account/001D000000INjVeIAL`)
      .reply(400, errorBody('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id'));
    await expect(
      runAction(connector, 'records.delete', { object: 'Account', id: '001D000000INjVeIAL' }, { auth: connection }),
    ).rejects.toMatchObject({ kind: 'auth' });
  });
});
