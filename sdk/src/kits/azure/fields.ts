import { Type } from '@sinclair/typebox';

const CLOUD_HOSTS =
  'https://login.chinacloudapi.cn (Azure China) or https://login.microsoftonline.us (Azure Government). Defaults to https://login.microsoftonline.com.';

/**
 * The fields of a Microsoft Entra ID app registration signing in with a client secret: tenantId,
 * clientId, clientSecret and the sign-in host outside the global cloud. Spread into
 * `Type.Object`. `method` names the connection method they belong to when there are others (they
 * are then optional, and the connector's schema requires them for that method).
 *
 * @example
 * Type.Object({ vaultUrl: Type.String({ format: 'uri' }), ...entraIdFields() });
 */
export function entraIdFields(options: { method?: string } = {}) {
  const authorityHost = Type.Optional(
    Type.String({
      format: 'uri',
      pattern: '^https://[^/?#]+/?$',
      description: `Microsoft Entra ID sign-in host${options.method ? ` for "${options.method}"` : ''} outside the global cloud: ${CLOUD_HOSTS}`,
    }),
  );
  const tenantId = Type.String({ minLength: 1, description: 'Directory (tenant) ID of the app registration.' });
  const clientId = Type.String({ minLength: 1, description: 'Application (client) ID of the app registration.' });
  const clientSecret = Type.String({
    minLength: 1,
    writeOnly: true,
    description: 'Client secret value of the app registration.',
  });
  return { tenantId, clientId, clientSecret, authorityHost };
}

/** The same fields, each optional: for a connection whose other methods do not use them. */
export function optionalEntraIdFields(method: string) {
  const { tenantId, clientId, clientSecret, authorityHost } = entraIdFields({ method });
  return {
    tenantId: Type.Optional(tenantId),
    clientId: Type.Optional(clientId),
    clientSecret: Type.Optional(clientSecret),
    authorityHost,
  };
}

/** A storage account connection string, for the method that uses one (optional beside the others). */
export function storageConnectionStringField(method = 'connectionString') {
  return Type.Optional(
    Type.String({
      minLength: 1,
      writeOnly: true,
      description: `Storage account connection string, e.g. "DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net". Required when method is "${method}".`,
    }),
  );
}
