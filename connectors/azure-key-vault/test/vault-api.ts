import { randomBytes } from 'node:crypto';
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  ReplyError,
  startReferenceServer,
  startTlsFront,
  type TlsFront,
} from '@mova/sdk/testing';

/**
 * A loopback Azure Key Vault (secrets) and Microsoft Entra ID token endpoint behind TLS
 * (startTlsFront from @mova/sdk/testing); Microsoft publishes no Key Vault emulator. It answers
 * with the shapes of:
 * - Key Vault REST API 7.x, learn.microsoft.com/rest/api/keyvault/secrets: Get Secret (latest
 *   and by version), Set Secret, Get Secrets and Get Secret Versions (value + nextLink paging,
 *   maxresults ≤ 25), Delete Secret, Get Deleted Secret, Recover Deleted Secret, Purge Deleted
 *   Secret; SecretBundle / DeletedSecretBundle with Unix-time attributes; errors as
 *   { error: { code, message } } (SecretNotFound, ObjectIsDeletedButRecoverable, Forbidden).
 *   Every request needs api-version.
 * - "Authentication in Azure Key Vault" / "Key Vault authentication flow": a request without a
 *   token is answered 401 with WWW-Authenticate: Bearer authorization="<authority>/<tenant>",
 *   resource="https://vault.azure.net"; tokens must be for the https://vault.azure.net/.default scope.
 * - Microsoft identity platform, learn.microsoft.com/entra/identity-platform: the OpenID Connect
 *   metadata document (/{tenant}/v2.0/.well-known/openid-configuration) and the client credentials
 *   grant (POST /{tenant}/oauth2/v2.0/token with client_id, client_secret, scope); a wrong secret is
 *   answered 401 invalid_client (AADSTS7000215).
 */
export interface StoredVersion {
  version: string;
  value: string;
  contentType?: string;
  tags: Record<string, string>;
  enabled: boolean;
  created: number;
  updated: number;
  exp?: number;
  nbf?: number;
}

export interface StoredSecret {
  versions: StoredVersion[];
  deleted?: { deletedDate: number; scheduledPurgeDate: number };
}

export interface VaultReference extends ReferenceServer {
  /** https origin of both the vault and the sign-in host. */
  origin: string;
  certificate: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  secrets: Map<string, StoredSecret>;
  /** Tokens issued, with their scope. */
  issued: Map<string, string>;
  /** Secret names the app may not read (answered 403 Forbidden). */
  forbidden: Set<string>;
}

const VAULT_SCOPE = 'https://vault.azure.net/.default';

export async function startVaultApi(): Promise<VaultReference> {
  const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  const clientId = 'b7f3c2a4-1d5e-4f6a-9b8c-0d1e2f3a4b5c';
  const clientSecret = `mova~${randomBytes(12).toString('hex')}`;
  const secrets = new Map<string, StoredSecret>();
  const issued = new Map<string, string>();
  const forbidden = new Set<string>();
  let origin = '';
  let clock = 1_772_355_600; // 2026-03-01T09:00:00Z

  const isVaultPath = (path: string) => path.startsWith('/secrets') || path.startsWith('/deletedsecrets');
  const server = await startReferenceServer({
    check(request) {
      if (!isVaultPath(request.path)) return undefined;
      if (!request.query.get('api-version')) {
        return vaultError(400, 'BadParameter', 'The request URI must contain an api-version query parameter.');
      }
      const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
      if (!token || issued.get(token) !== VAULT_SCOPE) {
        return {
          status: 401,
          headers: {
            'www-authenticate': `Bearer authorization="${origin}/${tenantId}", resource="https://vault.azure.net"`,
          },
          body: { error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } },
        };
      }
      return undefined;
    },
  });
  const tls: TlsFront = await startTlsFront(Number(new URL(server.url).port));
  origin = tls.origin;

  const live = (name: string | undefined): StoredSecret => {
    const secret = secrets.get(name ?? '');
    if (!secret || secret.deleted) {
      throw new ReplyError(
        vaultError(
          404,
          'SecretNotFound',
          `A secret with (name/id) ${name} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`,
        ),
      );
    }
    if (forbidden.has(name ?? '')) {
      throw new ReplyError(
        vaultError(
          403,
          'Forbidden',
          `The user, group or application 'appid=${clientId}' does not have secrets get permission on key vault.`,
        ),
      );
    }
    return secret;
  };
  const deleted = (name: string | undefined): StoredSecret & { deleted: NonNullable<StoredSecret['deleted']> } => {
    const secret = secrets.get(name ?? '');
    if (!secret?.deleted) throw new ReplyError(vaultError(404, 'SecretNotFound', `Deleted Secret not found: ${name}`));
    return secret as StoredSecret & { deleted: NonNullable<StoredSecret['deleted']> };
  };

  const attributes = (version: StoredVersion) => ({
    enabled: version.enabled,
    created: version.created,
    updated: version.updated,
    recoveryLevel: 'Recoverable+Purgeable',
    recoverableDays: 90,
    ...(version.exp ? { exp: version.exp } : {}),
    ...(version.nbf ? { nbf: version.nbf } : {}),
  });
  const properties = (name: string, version: StoredVersion, withVersion = true) => ({
    id: `${origin}/secrets/${name}${withVersion ? `/${version.version}` : ''}`,
    attributes: attributes(version),
    tags: version.tags,
    ...(version.contentType ? { contentType: version.contentType } : {}),
  });
  const bundle = (name: string, version: StoredVersion) => ({ value: version.value, ...properties(name, version) });
  const deletedBundle = (name: string, secret: StoredSecret & { deleted: NonNullable<StoredSecret['deleted']> }) => {
    const latest = secret.versions.at(-1) as StoredVersion;
    return {
      recoveryId: `${origin}/deletedsecrets/${name}`,
      deletedDate: secret.deleted.deletedDate,
      scheduledPurgeDate: secret.deleted.scheduledPurgeDate,
      ...properties(name, latest),
    };
  };
  const page = (request: ReferenceRequest, items: unknown[], path: string): ReferenceReply => {
    const max = Number(request.query.get('maxresults') ?? 25);
    if (!Number.isInteger(max) || max < 1 || max > 25) {
      return vaultError(400, 'BadParameter', 'Invalid maxresults: it must be between 1 and 25.');
    }
    const skip = Number(request.query.get('$skiptoken') ?? 0);
    const next = skip + max < items.length ? skip + max : undefined;
    return {
      body: {
        value: items.slice(skip, skip + max),
        nextLink:
          next === undefined
            ? null
            : `${origin}${path}?api-version=${request.query.get('api-version')}&$skiptoken=${next}&maxresults=${max}`,
      },
    };
  };

  const getVersion = (request: ReferenceRequest): ReferenceReply => {
    const name = request.params.name ?? '';
    const secret = live(name);
    const version = request.params.version
      ? secret.versions.find((v) => v.version === request.params.version)
      : secret.versions.at(-1);
    if (!version)
      return vaultError(
        404,
        'SecretNotFound',
        `A secret with (name/id) ${name}/${request.params.version} was not found in this key vault.`,
      );
    return { body: bundle(name, version) };
  };

  const routes: [string, string, (request: ReferenceRequest) => ReferenceReply][] = [
    [
      'GET',
      '/:tenant/v2.0/.well-known/openid-configuration',
      ({ params }) => ({
        body: {
          token_endpoint: `${origin}/${params.tenant}/oauth2/v2.0/token`,
          token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
          jwks_uri: `${origin}/${params.tenant}/discovery/v2.0/keys`,
          response_modes_supported: ['query', 'fragment', 'form_post'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
          issuer: `${origin}/${params.tenant}/v2.0`,
          request_uri_parameter_supported: false,
          userinfo_endpoint: `${origin}/oidc/userinfo`,
          authorization_endpoint: `${origin}/${params.tenant}/oauth2/v2.0/authorize`,
          device_authorization_endpoint: `${origin}/${params.tenant}/oauth2/v2.0/devicecode`,
          http_logout_supported: true,
          frontchannel_logout_supported: true,
          end_session_endpoint: `${origin}/${params.tenant}/oauth2/v2.0/logout`,
          claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat'],
          tenant_region_scope: 'EU',
          cloud_instance_name: 'microsoftonline.com',
          cloud_graph_host_name: 'graph.windows.net',
          msgraph_host: 'graph.microsoft.com',
        },
      }),
    ],
    [
      'POST',
      '/:tenant/oauth2/v2.0/token',
      ({ params, body }) => {
        const form = body as Record<string, string>;
        if (params.tenant !== tenantId) {
          return {
            status: 400,
            body: { error: 'invalid_request', error_description: `AADSTS90002: Tenant '${params.tenant}' not found.` },
          };
        }
        if (form.grant_type !== 'client_credentials' || form.client_id !== clientId) {
          return {
            status: 400,
            body: {
              error: 'unauthorized_client',
              error_description: `AADSTS700016: Application with identifier '${form.client_id}' was not found in the directory.`,
            },
          };
        }
        if (form.client_secret !== clientSecret) {
          return {
            status: 401,
            body: {
              error: 'invalid_client',
              error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
              error_codes: [7000215],
            },
          };
        }
        const token = `eyJ0eXAiOiJKV1Qi.${randomBytes(16).toString('hex')}`;
        issued.set(token, String(form.scope));
        return { body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token } };
      },
    ],
    [
      'GET',
      '/secrets',
      (request) => {
        const items = [...secrets.entries()]
          .filter(([, secret]) => !secret.deleted)
          .map(([name, secret]) => properties(name, secret.versions.at(-1) as StoredVersion, false));
        return page(request, items, '/secrets');
      },
    ],
    [
      'GET',
      '/secrets/:name/versions',
      (request) => {
        const name = request.params.name ?? '';
        const secret = live(name);
        return page(
          request,
          secret.versions.map((version) => properties(name, version)),
          `/secrets/${name}/versions`,
        );
      },
    ],
    ['GET', '/secrets/:name/', getVersion],
    ['GET', '/secrets/:name/:version', getVersion],
    [
      'PUT',
      '/secrets/:name',
      (request) => {
        const name = request.params.name ?? '';
        const body = request.body as {
          value?: unknown;
          contentType?: string;
          tags?: Record<string, string>;
          attributes?: { enabled?: boolean; exp?: number; nbf?: number };
        };
        if (typeof body?.value !== 'string') return vaultError(400, 'BadParameter', 'Property value is required.');
        if (!/^[0-9A-Za-z-]{1,127}$/.test(name)) {
          return vaultError(400, 'BadParameter', `The request URI contains an invalid name: ${name}`);
        }
        const existing = secrets.get(name);
        if (existing?.deleted) {
          return vaultError(
            409,
            'Conflict',
            `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`,
            'ObjectIsDeletedButRecoverable',
          );
        }
        clock += 60;
        const version: StoredVersion = {
          version: randomBytes(16).toString('hex'),
          value: body.value,
          contentType: body.contentType,
          tags: body.tags ?? {},
          enabled: body.attributes?.enabled ?? true,
          created: clock,
          updated: clock,
          exp: body.attributes?.exp,
          nbf: body.attributes?.nbf,
        };
        if (existing) existing.versions.push(version);
        else secrets.set(name, { versions: [version] });
        return { body: bundle(name, version) };
      },
    ],
    [
      'DELETE',
      '/secrets/:name',
      (request) => {
        const name = request.params.name ?? '';
        const secret = live(name);
        clock += 60;
        secret.deleted = { deletedDate: clock, scheduledPurgeDate: clock + 90 * 86_400 };
        return { body: deletedBundle(name, deleted(name)) };
      },
    ],
    [
      'GET',
      '/deletedsecrets/:name',
      (request) => ({ body: deletedBundle(request.params.name ?? '', deleted(request.params.name)) }),
    ],
    [
      'POST',
      '/deletedsecrets/:name/recover',
      (request) => {
        const name = request.params.name ?? '';
        const secret = deleted(name);
        delete (secret as StoredSecret).deleted;
        return { body: properties(name, secret.versions.at(-1) as StoredVersion) };
      },
    ],
    [
      'DELETE',
      '/deletedsecrets/:name',
      (request) => {
        deleted(request.params.name);
        secrets.delete(request.params.name ?? '');
        return { status: 204 };
      },
    ],
  ];
  for (const [method, pattern, answer] of routes) server.route(method, pattern, answer);

  const close = server.close;
  return Object.assign(server, {
    origin,
    certificate: tls.certificate,
    tenantId,
    clientId,
    clientSecret,
    secrets,
    issued,
    forbidden,
    close: async () => {
      await tls.close();
      await close();
    },
  });
}

function vaultError(status: number, code: string, message: string, innerCode?: string): ReferenceReply {
  return { status, body: { error: { code, message, ...(innerCode ? { innererror: { code: innerCode } } : {}) } } };
}
