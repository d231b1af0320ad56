import { type Static, Type } from '@mova/sdk';
import { optionalEntraIdFields, storageConnectionStringField } from '@mova/sdk/azure';

/** The connection of a storage account: a connection string (key or SAS), or an Entra ID app registration. */
export const connectionFields = Type.Object(
  {
    method: Type.Union([Type.Literal('connectionString'), Type.Literal('clientSecret')], {
      description:
        'How to sign in: "connectionString" (account key or SAS, from the portal\'s "Access keys" or "Shared access signature" page) or "clientSecret" (a Microsoft Entra ID app registration).',
    }),
    connectionString: storageConnectionStringField(),
    accountName: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9]{3,24}$',
        description: 'Storage account name; the endpoint is https://<accountName>.blob.core.windows.net.',
      }),
    ),
    accountUrl: Type.Optional(
      Type.String({
        format: 'uri',
        pattern: '^https?://[^/?#]+',
        description:
          'Blob endpoint of the account, e.g. https://myaccount.blob.core.windows.net, a sovereign cloud\'s (https://myaccount.blob.core.chinacloudapi.cn, https://myaccount.blob.core.usgovcloudapi.net), a custom domain or private endpoint, or an emulator\'s (http://127.0.0.1:10000/devstoreaccount1). With "clientSecret" it replaces accountName. With "connectionString" set it whenever the string\'s endpoint (BlobEndpoint= or EndpointSuffix=) is not *.blob.core.windows.net, to the same address: workflows may only connect to hosts their connection names.',
      }),
    ),
    ...optionalEntraIdFields('clientSecret'),
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

export type AzureConnection = Static<typeof connectionFields>;
