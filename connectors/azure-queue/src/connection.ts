import { type Static, Type } from '@mova/sdk';
import { optionalEntraIdFields, storageConnectionStringField } from '@mova/sdk/azure';

/**
 * The connection of a storage account's Queue service: a connection string, the account name and
 * key, a SAS token, or a Microsoft Entra ID app registration (the same methods and fields as the
 * azure-blob connector, plus key and SAS on their own).
 */
export const connectionFields = Type.Object(
  {
    method: Type.Union(
      [Type.Literal('connectionString'), Type.Literal('accountKey'), Type.Literal('sas'), Type.Literal('clientSecret')],
      {
        description:
          'How to sign in: "connectionString" (from the portal\'s "Access keys" page), "accountKey" (accountName and accountKey), "sas" (a shared access signature token with accountName or accountUrl) or "clientSecret" (a Microsoft Entra ID app registration).',
      },
    ),
    connectionString: storageConnectionStringField(),
    accountName: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9]{3,24}$',
        description: 'Storage account name; the endpoint is https://<accountName>.queue.core.windows.net.',
      }),
    ),
    accountKey: Type.Optional(
      Type.String({
        minLength: 1,
        writeOnly: true,
        description: 'Account access key (base64), for method "accountKey".',
      }),
    ),
    sasToken: Type.Optional(
      Type.String({
        minLength: 1,
        writeOnly: true,
        description:
          'Shared access signature token (the query string, with or without the leading "?"), for method "sas"; it needs the queue service and the permissions the actions use.',
      }),
    ),
    accountUrl: Type.Optional(
      Type.String({
        format: 'uri',
        pattern: '^https?://[^/?#]+',
        description:
          "Queue endpoint of the account, e.g. https://myaccount.queue.core.windows.net, a sovereign cloud's (https://myaccount.queue.core.chinacloudapi.cn), a private endpoint, or an emulator's (http://127.0.0.1:10001/devstoreaccount1). Replaces accountName; with a connection string, set it whenever the string's endpoint is not *.queue.core.windows.net: workflows may only connect to hosts their connection names.",
      }),
    ),
    ...optionalEntraIdFields('clientSecret'),
  },
  {
    additionalProperties: false,
    allOf: [
      {
        if: { properties: { method: { const: 'connectionString' } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable
        then: { required: ['connectionString'] },
      },
      {
        if: { properties: { method: { const: 'accountKey' } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable
        then: { required: ['accountName', 'accountKey'] },
      },
      {
        if: { properties: { method: { const: 'sas' } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable
        then: { required: ['sasToken'], anyOf: [{ required: ['accountName'] }, { required: ['accountUrl'] }] },
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

export type QueueConnection = Static<typeof connectionFields>;
