import { Auth, type Static, Type } from '@mova/sdk';
import { serviceClient } from './client.js';
import { azureCall } from './errors.js';

const fields = Type.Object(
  {
    method: Type.Union([Type.Literal('connectionString'), Type.Literal('clientSecret')], {
      description:
        'How to sign in: "connectionString" (account key or SAS, from the portal\'s "Access keys" or "Shared access signature" page) or "clientSecret" (a Microsoft Entra ID app registration).',
    }),
    connectionString: Type.Optional(
      Type.String({
        minLength: 1,
        writeOnly: true,
        description:
          'Storage account connection string, e.g. "DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net". Required when method is "connectionString".',
      }),
    ),
    tenantId: Type.Optional(
      Type.String({ minLength: 1, description: 'Directory (tenant) ID of the app registration.' }),
    ),
    clientId: Type.Optional(
      Type.String({ minLength: 1, description: 'Application (client) ID of the app registration.' }),
    ),
    clientSecret: Type.Optional(
      Type.String({ minLength: 1, writeOnly: true, description: 'Client secret value of the app registration.' }),
    ),
    accountName: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9]{3,24}$',
        description: 'Storage account name; the endpoint is https://<accountName>.blob.core.windows.net.',
      }),
    ),
    accountUrl: Type.Optional(
      Type.String({
        format: 'uri',
        pattern: '^https://[a-z0-9]{3,24}\\.blob\\.core\\.windows\\.net/?$',
        description:
          'Blob endpoint of the account, e.g. https://myaccount.blob.core.windows.net (instead of accountName).',
      }),
    ),
  },
  {
    additionalProperties: false,
    // Each method needs its own fields; JSON Schema says so, so a bad connection is refused before any call.
    allOf: [
      {
        if: { properties: { method: { const: 'connectionString' } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable
        then: { required: ['connectionString'] },
      },
      {
        if: { properties: { method: { const: 'clientSecret' } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable
        then: {
          required: ['tenantId', 'clientId', 'clientSecret'],
          anyOf: [{ required: ['accountName'] }, { required: ['accountUrl'] }],
        },
      },
    ],
  },
);

export type AzureConnection = Static<typeof fields>;

export const auth = Auth.custom({
  fields,
  // Get Account Information is the cheapest authorised call and works for keys, SAS and Entra ID alike.
  validate: async (connection) => {
    await azureCall('validate', () => serviceClient(connection, 'validate').getAccountInfo());
  },
});
