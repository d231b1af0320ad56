import type { AuthDefinition } from '../auth.js';
import { ConnectorError } from '../errors.js';
import { field } from './fields.js';
import { type OAuth2SessionDeps, oauth2Session } from './oauth2-session.js';
import type { OutgoingRequest } from './send.js';
import type { HttpAuth } from './types.js';

/** Puts a connection's credentials on requests to the client's own origin. */
export interface Authorizer {
  /** Makes the credentials usable, refreshing a missing or stale OAuth2 token. */
  ready(): Promise<void>;
  apply(request: OutgoingRequest): void;
  /** After a 401: refreshes when it can; true means the request is worth sending again. */
  recover(): Promise<boolean>;
  /** Values to cut out of error messages. */
  secrets(): string[];
}

const noAuth: Authorizer = {
  ready: async () => {},
  apply: () => {},
  recover: async () => false,
  secrets: () => [],
};

/**
 * The authorizer for one auth kind. `custom` and `none` add nothing: a custom connector sets its
 * own headers (`headers` on the client).
 */
export function createAuthorizer<A extends AuthDefinition>(
  auth: HttpAuth<A> | undefined,
  deps: OAuth2SessionDeps,
): Authorizer {
  if (!auth) return noAuth;
  const definition: AuthDefinition = auth.definition;
  const value: unknown = auth.value;
  const secrets = () => secretFields(definition, value);
  const fixed = (apply: (request: OutgoingRequest) => void, ...required: string[]): Authorizer => ({
    async ready() {
      for (const name of required) requireText(value, name, deps.actionKey);
    },
    apply,
    recover: async () => false,
    secrets,
  });
  switch (definition.kind) {
    case 'apiKey': {
      const { in: where, prefix = '' } = definition;
      const name = where === 'header' ? definition.name.toLowerCase() : definition.name;
      return fixed((request) => {
        const key = text(value, 'apiKey');
        if (where === 'header') request.headers[name] = `${prefix}${key}`;
        else request.url.searchParams.set(name, key);
      }, 'apiKey');
    }
    case 'basic':
      return fixed(
        (request) => {
          const pair = `${text(value, 'username')}:${text(value, 'password')}`;
          request.headers.authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
        },
        'username',
        'password',
      );
    case 'bearer':
      return fixed((request) => {
        request.headers.authorization = `Bearer ${text(value, 'token')}`;
      }, 'token');
    case 'oauth2':
      return oauth2Session(definition, value, deps);
    case 'custom':
    case 'none':
      return { ...noAuth, secrets };
  }
}

/** The values of the fields the auth schema marks `writeOnly` (secrets, see `Auth`). */
function secretFields(definition: AuthDefinition, value: unknown): string[] {
  return Object.entries(definition.schema.properties)
    .filter(([, schema]) => schema.writeOnly === true)
    .map(([name]) => field(value, name))
    .filter((v): v is string => typeof v === 'string' && v.length > 0);
}

function text(value: unknown, name: string): string {
  const found = field(value, name);
  return typeof found === 'string' ? found : '';
}

function requireText(value: unknown, name: string, actionKey: string | undefined): void {
  if (text(value, name)) return;
  throw new ConnectorError(
    `the connection has no "${name}"`,
    { kind: 'auth', actionKey },
    `Fill in the connection's "${name}" field.`,
  );
}
