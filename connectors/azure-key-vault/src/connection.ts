import { type Static, Type } from '@mova/sdk';
import { entraIdFields } from '@mova/sdk/azure';

/** A key vault and the Microsoft Entra ID app registration that may read and write its secrets. */
export const connectionFields = Type.Object(
  {
    vaultUrl: Type.String({
      format: 'uri',
      pattern: '^https://[^/?#]+/?$',
      description:
        "The vault's URI from its Overview page, e.g. https://my-vault.vault.azure.net (Azure China: .vault.azure.cn, Azure Government: .vault.usgovcloudapi.net), or a private endpoint's.",
    }),
    ...entraIdFields(),
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
