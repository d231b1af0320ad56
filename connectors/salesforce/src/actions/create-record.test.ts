// Shapes from the REST API Developer Guide, "Create a Record" (dome_sobject_create.htm): POST
// /services/data/vXX.X/sobjects/Account/ answers 201 { id, success, errors }; failures answer 400 with
// [{ message, errorCode, fields }] ("Status Codes and Error Responses").
import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { BASE, connection, errorBody, failure, orgApi } from '../../test/salesforce-api.js';
import connector from '../index.js';

describe('records.create', () => {
  it('posts the fields as JSON and returns the new id', async () => {
    orgApi()
      .post(`${BASE}/sobjects/Account`, { Name: 'Express Logistics and Transport', Industry: 'Transportation' })
      .matchHeader('content-type', 'application/json')
      .reply(201, { id: '001D000000IqhSLIAZ', errors: [], success: true });
    const out = await runAction(
      connector,
      'records.create',
      { object: 'Account', fields: { Name: 'Express Logistics and Transport', Industry: 'Transportation' } },
      { auth: connection },
    );
    expect(out).toEqual({ id: '001D000000IqhSLIAZ' });
  });

  it('maps REQUIRED_FIELD_MISSING to invalid_input, naming the fields', async () => {
    orgApi()
      .post(`${BASE}/sobjects/Contact`)
      .reply(400, errorBody('REQUIRED_FIELD_MISSING', 'Required fields are missing: [LastName]', ['LastName']));
    const error = await failure(
      runAction(connector, 'records.create', { object: 'Contact', fields: { FirstName: 'Ada' } }, { auth: connection }),
    );
    expect(error).toMatchObject({
      kind: 'invalid_input',
      vendorMessage: 'Required fields are missing: [LastName] (fields: LastName)',
      actionKey: 'records.create',
    });
  });

  it('maps DUPLICATE_VALUE to conflict', async () => {
    orgApi()
      .post(`${BASE}/sobjects/Account`)
      .reply(
        400,
        errorBody(
          'DUPLICATE_VALUE',
          'duplicate value found: Customer_Number__c duplicates value on record with id: 001D000000IqhSL',
          ['Customer_Number__c'],
        ),
      );
    await expect(
      runAction(
        connector,
        'records.create',
        { object: 'Account', fields: { Customer_Number__c: 'CN-1' } },
        { auth: connection },
      ),
    ).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('reports every error of a multi-error answer, the first deciding the kind', async () => {
    orgApi()
      .post(`${BASE}/sobjects/Account`)
      .reply(400, [
        { message: 'Account Name is too long', errorCode: 'STRING_TOO_LONG', fields: ['Name'] },
        {
          message: 'Bad value for restricted picklist field: Nope',
          errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          fields: ['Industry'],
        },
      ]);
    const error = await failure(
      runAction(
        connector,
        'records.create',
        { object: 'Account', fields: { Name: 'x', Industry: 'Nope' } },
        { auth: connection },
      ),
    );
    expect(error).toMatchObject({
      kind: 'invalid_input',
      vendorMessage:
        'Account Name is too long (fields: Name); Bad value for restricted picklist field: Nope (fields: Industry)',
    });
  });

  it('rejects an object name that is not an API name', async () => {
    await expect(
      runAction(connector, 'records.create', { object: 'Account; DROP', fields: { Name: 'x' } }, { auth: connection }),
    ).rejects.toMatchObject({ code: 'E_VALIDATION' });
  });
});
