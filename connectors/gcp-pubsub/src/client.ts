import { createHash } from 'node:crypto';
import { type ActionContext, ConnectorError, createHttpClient, type HttpClient, serviceUrlOf } from '@mova/sdk';
import { type GoogleTokenSource, googleCredentialsOf, googleTokenSource } from '@mova/sdk/google';
import { PUBSUB_API_ROOT, type PubSubConnection } from './connection.js';
import { pubsubErrors } from './errors.js';

/** Publish, pull, acknowledge, and manage topics and subscriptions. */
export const PUBSUB_SCOPES = ['https://www.googleapis.com/auth/pubsub'];

interface Session {
  tokens: GoogleTokenSource;
  project?: string;
  root: string;
}

// A warm worker serves many steps with one connection: the token source keeps its access token.
const sessions = new Map<string, Session>();
const MAX_SESSIONS = 16;

function sessionOf(connection: PubSubConnection): Session {
  const key = createHash('sha256').update(JSON.stringify(connection)).digest('hex');
  let session = sessions.get(key);
  if (!session) {
    const credentials = googleCredentialsOf(connection);
    session = {
      tokens: googleTokenSource(connection, PUBSUB_SCOPES),
      project: connection.projectId ?? (credentials.kind === 'serviceAccount' ? credentials.key.project_id : undefined),
      root: serviceUrlOf(connection.apiUrl, PUBSUB_API_ROOT),
    };
    if (sessions.size >= MAX_SESSIONS) {
      const oldest = sessions.keys().next().value;
      if (oldest !== undefined) sessions.delete(oldest);
    }
    sessions.set(key, session);
  }
  return session;
}

export interface PubSub {
  http: HttpClient;
  /** `projects/<id>/topics/<name>` for a short name; a full name as it is. */
  topic(name: string): string;
  subscription(name: string): string;
  project(): string;
}

/**
 * Runs Pub/Sub REST calls for one step through the SDK's HTTP client, with the connection's
 * access token; failures leave as `pubsubErrors` maps them. The client's own retries are off:
 * the runtime retries by error kind, and a publish is not idempotent.
 */
export function withPubSub<T>(
  connection: PubSubConnection,
  ctx: Pick<ActionContext, 'actionKey' | 'signal'>,
  use: (pubsub: PubSub) => Promise<T>,
): Promise<T> {
  return pubsubErrors.call(ctx.actionKey, async () => {
    const session = sessionOf(connection);
    const token = await session.tokens.token();
    const http = createHttpClient({
      baseUrl: `${session.root}/v1`,
      headers: { authorization: `Bearer ${token}` },
      signal: ctx.signal,
      actionKey: ctx.actionKey,
      retry: false,
      timeoutMs: 60_000,
      userAgent: 'mova-connector-gcp-pubsub',
    });
    const project = () => {
      if (session.project) return session.project;
      throw new ConnectorError(
        'No project to find topics and subscriptions in',
        { kind: 'invalid_input', actionKey: ctx.actionKey },
        'Set projectId on the connection, or give full names such as projects/my-project/topics/orders.',
      );
    };
    const named = (kind: 'topics' | 'subscriptions') => (name: string) =>
      name.startsWith('projects/') ? name : `projects/${project()}/${kind}/${name}`;
    return use({ http, project, topic: named('topics'), subscription: named('subscriptions') });
  });
}
