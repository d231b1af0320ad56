import { type Static, Type } from '@mova/sdk';

/** A key vault and the Microsoft Entra ID app registration that may read and write its secrets. */
export const connectionFields = Type.Object(
  {
    vaultUrl: Type.String({
      format: 'uri',
      pattern: '^https://[^/?#]+/?$',
      description:
        "The vault's URI from its Overview page, e.g. https://my-vault.vault.azure.net (Azure China: .vault.azure.cn, Azure Government: .vault.usgovcloudapi.net), or a private endpoint's.",
    }),
    tenantId: Type.String({ minLength: 1, description: 'Directory (tenant) ID of the app registration.' }),
    clientId: Type.String({ minLength: 1, description: 'Application (client) ID of the app registration.' }),
    clientSecret: Type.String({
      minLength: 1,
      writeOnly: true,
      description: 'Client secret value of the app registration.',
    }),
    authorityHost: Type.Optional(
      Type.String({
        format: 'uri',
        pattern: '^https://[^/?#]+/?$',
        description:
          'Microsoft Entra ID sign-in host outside the global cloud: https://login.chinacloudapi.cn (Azure China) or https://login.microsoftonline.us (Azure Government). Defaults to https://login.microsoftonline.com.',
      }),
    ),
    caCertificate: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'PEM certificate of a CA to trust besides the public ones, for a vault or sign-in host reached through a private endpoint or TLS-inspecting proxy whose certificate an internal CA signed.',
      }),
    ),
  },
  { additionalProperties: false },
);

export type VaultConnection = Static<typeof connectionFields>;
