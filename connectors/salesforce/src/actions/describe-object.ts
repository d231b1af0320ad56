import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callSalesforce } from '../client.js';
import { objectName } from '../fields.js';

const picklistValue = Type.Object({
  value: Type.String({ description: 'Value stored in the field' }),
  label: Type.String({ description: 'Label shown to users' }),
  active: Type.Boolean({ description: 'False for values kept only for old records' }),
  defaultValue: Type.Boolean({ description: 'True for the default value' }),
});

const field = Type.Object({
  name: Type.String({ description: 'API name' }),
  label: Type.String({ description: 'Label shown to users' }),
  type: Type.String({ description: 'Field type: string, picklist, reference, double, date, boolean, id…' }),
  nillable: Type.Boolean({ description: 'True when the field may be empty' }),
  createable: Type.Boolean({ description: 'True when the field can be set on create' }),
  updateable: Type.Boolean({ description: 'True when the field can be changed on update' }),
  custom: Type.Boolean({ description: 'True for custom fields (…__c)' }),
  externalId: Type.Boolean({ description: 'True for External ID fields, usable with records.upsert' }),
  length: Type.Integer({ description: 'Maximum length for text fields, 0 otherwise' }),
  referenceTo: Type.Array(Type.String(), { description: 'Objects a reference field can point to' }),
  picklistValues: Type.Array(picklistValue, { description: 'Allowed values of picklist fields' }),
});

export const describeObject = defineAction({
  auth,
  key: 'sobjects.describe',
  title: 'Describe an object',
  description: 'Lists an object’s fields with their types, rules and picklist values (REST sObject Describe).',
  input: Type.Object({
    object: objectName('API name of the object, e.g. Account or Invoice__c'),
  }),
  output: Type.Object({
    name: Type.String({ description: 'API name of the object' }),
    label: Type.String({ description: 'Label shown to users' }),
    labelPlural: Type.String({ description: 'Plural label' }),
    keyPrefix: Type.Optional(Type.String({ description: 'First three characters of its record IDs' })),
    custom: Type.Boolean({ description: 'True for custom objects' }),
    createable: Type.Boolean({ description: 'True when the user can create records' }),
    updateable: Type.Boolean({ description: 'True when the user can update records' }),
    deletable: Type.Boolean({ description: 'True when the user can delete records' }),
    queryable: Type.Boolean({ description: 'True when the object can be queried with SOQL' }),
    fields: Type.Array(field, { description: 'Every field the user can see' }),
  }),
  examples: [
    {
      input: { object: 'Account' },
      output: {
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
          {
            name: 'Industry',
            label: 'Industry',
            type: 'picklist',
            nillable: true,
            createable: true,
            updateable: true,
            custom: false,
            externalId: false,
            length: 255,
            referenceTo: [],
            picklistValues: [{ value: 'Energy', label: 'Energy', active: true, defaultValue: false }],
          },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const d = await callSalesforce(auth, ctx, (conn) => conn.describe(input.object));
    return {
      name: d.name,
      label: d.label,
      labelPlural: d.labelPlural,
      keyPrefix: d.keyPrefix ?? undefined,
      custom: d.custom,
      createable: d.createable,
      updateable: d.updateable,
      deletable: d.deletable,
      queryable: d.queryable,
      fields: d.fields.map((f) => ({
        name: f.name,
        label: f.label,
        type: f.type,
        nillable: f.nillable,
        createable: f.createable,
        updateable: f.updateable,
        custom: f.custom,
        externalId: f.externalId,
        length: f.length,
        referenceTo: f.referenceTo ?? [],
        picklistValues: (f.picklistValues ?? []).map((p) => ({
          value: p.value,
          label: p.label ?? p.value,
          active: p.active,
          defaultValue: p.defaultValue,
        })),
      })),
    };
  },
});
