import { createHash } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { type AccessToken, ClientSecretCredential, type GetTokenOptions, type TokenCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { ConnectorError } from '@mova/sdk';
import type { VaultConnection } from './connection.js';

/** Key Vault hosts of Azure's public and sovereign clouds; the first is in network.allow. */
export const VAULT_DOMAINS = [
  'vault.azure.net',
  'vault.azure.cn',
  'vault.usgovcloudapi.net',
  'vault.microsoftazure.de',
];
const LOGIN_HOSTS = [
  'login.microsoftonline.com',
  'login.chinacloudapi.cn',
  'login.microsoftonline.us',
  'login.microsoftonline.de',
];

/** The token audiences of Key Vault in those clouds: the only scopes the connector asks tokens for. */
const VAULT_SCOPES = new Set(VAULT_DOMAINS.map((domain) => `https://${domain}/.default`));

const clients = new Map<string, SecretClient>();
const MAX_CLIENTS = 16;

/** The secrets client for a connection, cached per connection (a warm worker reuses its token). */
export function secretClient(connection: VaultConnection): SecretClient {
  const key = createHash('sha256').update(JSON.stringify(connection)).digest('hex');
  let client = clients.get(key);
  if (!client) {
    client = build(connection);
    if (clients.size >= MAX_CLIENTS) {
      const oldest = clients.keys().next().value;
      if (oldest !== undefined) clients.delete(oldest);
    }
    clients.set(key, client);
  }
  return client;
}

function build(connection: VaultConnection): SecretClient {
  const vaultHost = new URL(connection.vaultUrl).hostname;
  const authorityHost = connection.authorityHost?.replace(/\/+$/, '');
  // With a CA of its own, a connection still trusts the public CAs (Node replaces them otherwise).
  const tlsOptions = connection.caCertificate ? { ca: [...rootCertificates, connection.caCertificate] } : undefined;
  const credential = new ClientSecretCredential(connection.tenantId, connection.clientId, connection.clientSecret, {
    ...(authorityHost ? { authorityHost } : {}),
    // MSAL checks an unknown sign-in host against login.microsoftonline.com's instance list, a
    // host the connection may not reach; a known cloud's host needs no check.
    disableInstanceDiscovery: authorityHost !== undefined && !LOGIN_HOSTS.includes(new URL(authorityHost).hostname),
    ...(tlsOptions ? { tlsOptions } : {}),
  });
  return new SecretClient(connection.vaultUrl, vaultScoped(credential), {
    // Key Vault's challenge names the token audience; the SDK checks the vault's host ends with it,
    // which a private endpoint's host cannot. There the audience is pinned by vaultScoped instead.
    disableChallengeResourceVerification: !VAULT_DOMAINS.some((domain) => vaultHost.endsWith(`.${domain}`)),
    retryOptions: { maxRetries: 2, retryDelayInMs: 500, maxRetryDelayInMs: 4000 },
    userAgentOptions: { userAgentPrefix: 'mova-connector-azure-key-vault' },
    ...(tlsOptions ? { tlsOptions } : {}),
  });
}

/**
 * The credential, refusing any scope but Key Vault's: the vault's 401 challenge names the scope a
 * token is fetched for, so a server at the vault URL could otherwise ask for a token to another API.
 */
function vaultScoped(credential: TokenCredential): TokenCredential {
  return {
    getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const asked = Array.isArray(scopes) ? scopes : [scopes];
      const foreign = asked.find((scope) => !VAULT_SCOPES.has(scope));
      if (foreign !== undefined) {
        return Promise.reject(
          new ConnectorError(
            `The vault asked for a token to ${foreign}, which is not Key Vault`,
            { kind: 'auth' },
            'Check vaultUrl: it must be a key vault (https://<name>.vault.azure.net or its private endpoint).',
          ),
        );
      }
      return credential.getToken(asked, options);
    },
  };
}
