// Shapes from the REST API Developer Guide, "Get Field and Other Metadata for an Object"
// (dome_sobject_describe.htm) and the DescribeSObjectResult / Field / PicklistEntry types it returns.
import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { BASE, connection, errorBody, orgApi } from '../../test/salesforce-api.js';
import connector from '../index.js';

const baseField = {
  autoNumber: false,
  byteLength: 0,
  calculated: false,
  custom: false,
  defaultValue: null,
  externalId: false,
  filterable: true,
  length: 0,
  nillable: true,
  picklistValues: [],
  referenceTo: [],
  relationshipName: null,
  unique: false,
};

describe('sobjects.describe', () => {
  it('returns fields with types, rules and picklist values', async () => {
    orgApi()
      .get(`${BASE}/sobjects/Account/describe`)
      .reply(200, {
        name: 'Account',
        label: 'Account',
        labelPlural: 'Accounts',
        keyPrefix: '001',
        custom: false,
        createable: true,
        updateable: true,
        deletable: true,
        queryable: true,
        urls: { describe: `${BASE}/sobjects/Account/describe` },
        fields: [
          {
            ...baseField,
            name: 'Id',
            label: 'Account ID',
            type: 'id',
            length: 18,
            nillable: false,
            createable: false,
            updateable: false,
          },
          {
            ...baseField,
            name: 'Name',
            label: 'Account Name',
            type: 'string',
            length: 255,
            nillable: false,
            createable: true,
            updateable: true,
          },
          {
            ...baseField,
            name: 'Industry',
            label: 'Industry',
            type: 'picklist',
            length: 255,
            createable: true,
            updateable: true,
            picklistValues: [
              { active: true, defaultValue: false, label: 'Agriculture', validFor: null, value: 'Agriculture' },
              { active: false, defaultValue: false, label: null, validFor: null, value: 'Retired' },
            ],
          },
          {
            ...baseField,
            name: 'OwnerId',
            label: 'Owner ID',
            type: 'reference',
            length: 18,
            nillable: false,
            createable: true,
            updateable: true,
            referenceTo: ['User'],
          },
          {
            ...baseField,
            name: 'Customer_Number__c',
            label: 'Customer Number',
            type: 'string',
            length: 20,
            custom: true,
            externalId: true,
            createable: true,
            updateable: true,
          },
        ],
      });
    const out = await runAction(connector, 'sobjects.describe', { object: 'Account' }, { auth: connection });
    const field = (name: string, rest: Record<string, unknown>) => ({
      name,
      custom: false,
      externalId: false,
      referenceTo: [],
      picklistValues: [],
      ...rest,
    });
    expect(out).toEqual({
      name: 'Account',
      label: 'Account',
      labelPlural: 'Accounts',
      keyPrefix: '001',
      custom: false,
      createable: true,
      updateable: true,
      deletable: true,
      queryable: true,
      fields: [
        field('Id', {
          label: 'Account ID',
          type: 'id',
          length: 18,
          nillable: false,
          createable: false,
          updateable: false,
        }),
        field('Name', {
          label: 'Account Name',
          type: 'string',
          length: 255,
          nillable: false,
          createable: true,
          updateable: true,
        }),
        field('Industry', {
          label: 'Industry',
          type: 'picklist',
          length: 255,
          nillable: true,
          createable: true,
          updateable: true,
          picklistValues: [
            { value: 'Agriculture', label: 'Agriculture', active: true, defaultValue: false },
            { value: 'Retired', label: 'Retired', active: false, defaultValue: false },
          ],
        }),
        field('OwnerId', {
          label: 'Owner ID',
          type: 'reference',
          length: 18,
          nillable: false,
          createable: true,
          updateable: true,
          referenceTo: ['User'],
        }),
        field('Customer_Number__c', {
          label: 'Customer Number',
          type: 'string',
          length: 20,
          nillable: true,
          createable: true,
          updateable: true,
          custom: true,
          externalId: true,
        }),
      ],
    });
  });

  it('maps NOT_FOUND for an unknown object to not_found', async () => {
    orgApi()
      .get(`${BASE}/sobjects/Acount/describe`)
      .reply(404, errorBody('NOT_FOUND', 'The requested resource does not exist'));
    await expect(
      runAction(connector, 'sobjects.describe', { object: 'Acount' }, { auth: connection }),
    ).rejects.toMatchObject({ kind: 'not_found', vendorMessage: 'The requested resource does not exist' });
  });
});
