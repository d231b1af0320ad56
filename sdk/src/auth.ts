import { type Static, type TObject, type TProperties, Type } from '@sinclair/typebox';
import { DefinitionError } from './errors.js';

/** A field whose value is a secret: redacted from logs and run records. JSON Schema's own annotation. */
const secret = (description: string) => Type.String({ minLength: 1, writeOnly: true, description });

/** Checks a connection cheaply (one read-only call); throws a ConnectorError when it does not work. */
export type AuthValidator<V> = (auth: V) => Promise<void>;

interface AuthBase<K extends string, V> {
  readonly kind: K;
  /** JSON Schema of the fields a connection supplies. */
  readonly schema: TObject;
  // A method, not a function property: methods compare bivariantly, so a connection with
  // required custom fields still fits wherever any AuthDefinition is accepted.
  validate?(auth: V): Promise<void>;
  /** Carries the value type for inference only; never set. */
  readonly __value?: V;
}

export type NoAuth = AuthBase<'none', Record<string, never>>;

export interface ApiKeyValue {
  apiKey: string;
}
export interface ApiKeyAuth extends AuthBase<'apiKey', ApiKeyValue> {
  /** Where the key travels. */
  readonly in: 'header' | 'query';
  /** Header or query parameter name, e.g. `X-Api-Key` or `api_key`. */
  readonly name: string;
  /** Text put before the key in a header, e.g. `Token `. */
  readonly prefix?: string;
}

export interface BasicValue {
  username: string;
  password: string;
}
export type BasicAuth = AuthBase<'basic', BasicValue>;

export interface BearerValue {
  token: string;
}
/** A bearer token; `V` adds the connector's extra connection fields (see `Auth.bearer`'s `fields`). */
export type BearerAuth<V extends BearerValue = BearerValue> = AuthBase<'bearer', V>;

/** Extra connection fields beside a bearer token; `token` itself stays the SDK's secret. */
export type BearerFields = TProperties & { token?: never };

/** The token plus the fields; plain `BearerValue` without any, so hovers and errors stay readable. */
type BearerValueWith<F extends BearerFields> = [keyof F] extends [never]
  ? BearerValue
  : BearerValue & Static<TObject<F>>;

export type OAuth2Flow = 'authorization_code' | 'client_credentials';

export interface OAuth2Value {
  accessToken?: string;
  refreshToken?: string;
  /** Unix time in seconds after which `accessToken` is stale. */
  expiresAt?: number;
  clientId?: string;
  clientSecret?: string;
  scope?: string;
}

/** Returns fresh tokens; called when the access token is missing, stale or refused. */
export type OAuth2RefreshHook = (auth: OAuth2Value, ctx: { tokenUrl: string }) => Promise<OAuth2Value>;

export interface OAuth2Auth extends AuthBase<'oauth2', OAuth2Value> {
  readonly flows: OAuth2Flow[];
  readonly authorizationUrl?: string;
  readonly tokenUrl: string;
  readonly scopes: string[];
  readonly refresh?: OAuth2RefreshHook;
}

export interface CustomAuth<F extends TObject = TObject> extends AuthBase<'custom', Static<F>> {
  readonly schema: F;
}

export type AuthDefinition = NoAuth | ApiKeyAuth | BasicAuth | BearerAuth | OAuth2Auth | CustomAuth;
export type AuthKind = AuthDefinition['kind'];

/** The connection value an action receives for a given auth definition. */
export type AuthValue<A> = A extends AuthBase<string, infer V> ? V : never;

/**
 * Constructors for every auth kind a connector can declare.
 * @example
 * export const auth = Auth.apiKey({ in: 'header', name: 'X-Api-Key', validate: async (a) => { await ping(a) } });
 */
export const Auth = {
  none(): NoAuth {
    return { kind: 'none', schema: Type.Object({}, { additionalProperties: false }) };
  },

  apiKey(options: {
    in: 'header' | 'query';
    name: string;
    prefix?: string;
    description?: string;
    validate?: AuthValidator<ApiKeyValue>;
  }): ApiKeyAuth {
    return {
      kind: 'apiKey',
      in: options.in,
      name: options.name,
      prefix: options.prefix,
      validate: options.validate,
      schema: Type.Object({ apiKey: secret(options.description ?? 'API key') }),
    };
  },

  basic(options: { validate?: AuthValidator<BasicValue> } = {}): BasicAuth {
    return {
      kind: 'basic',
      validate: options.validate,
      schema: Type.Object({
        username: Type.String({ minLength: 1, description: 'User name' }),
        password: secret('Password'),
      }),
    };
  },

  /**
   * A bearer token, optionally with more connection fields (say, a self-hosted server's URL).
   * @example
   * export const auth = Auth.bearer({
   *   fields: { baseUrl: Type.Optional(Type.String({ format: 'uri', description: 'API root of a self-hosted server' })) },
   *   validate: async ({ token, baseUrl }) => { await ping(token, baseUrl) },
   * });
   */
  bearer<F extends BearerFields = Record<never, never>>(
    options: { description?: string; fields?: F; validate?: AuthValidator<BearerValueWith<F>> } = {},
  ): BearerAuth<BearerValueWith<F>> {
    if (options.fields && Object.hasOwn(options.fields, 'token')) {
      throw new DefinitionError(
        'Auth.bearer fields redefine "token"',
        '/auth/fields/token',
        'Leave "token" out of fields: Auth.bearer declares it as the secret; use `description` to describe it.',
      );
    }
    return {
      kind: 'bearer',
      validate: options.validate,
      schema: Type.Object({ token: secret(options.description ?? 'Bearer token'), ...options.fields }),
    };
  },

  oauth2(options: {
    flows: OAuth2Flow[];
    tokenUrl: string;
    authorizationUrl?: string;
    scopes?: string[];
    refresh?: OAuth2RefreshHook;
    validate?: AuthValidator<OAuth2Value>;
  }): OAuth2Auth {
    return {
      kind: 'oauth2',
      flows: options.flows,
      tokenUrl: options.tokenUrl,
      authorizationUrl: options.authorizationUrl,
      scopes: options.scopes ?? [],
      refresh: options.refresh,
      validate: options.validate,
      schema: Type.Object({
        accessToken: Type.Optional(secret('Access token')),
        refreshToken: Type.Optional(secret('Refresh token')),
        expiresAt: Type.Optional(Type.Integer({ description: 'Unix time (s) the access token expires' })),
        clientId: Type.Optional(Type.String({ description: 'OAuth client id' })),
        clientSecret: Type.Optional(secret('OAuth client secret')),
        scope: Type.Optional(Type.String({ description: 'Space-separated scopes' })),
      }),
    };
  },

  custom<F extends TObject>(options: { fields: F; validate?: AuthValidator<Static<F>> }): CustomAuth<F> {
    return { kind: 'custom', schema: options.fields, validate: options.validate };
  },
} as const;
