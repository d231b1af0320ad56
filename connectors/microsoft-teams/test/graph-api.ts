// Microsoft Graph v1.0 (the Teams part) and the Microsoft identity platform's token endpoint on loopback
// for the conformance tests. Graph has no emulator, and its OpenAPI description (msgraph-metadata) ships in
// no npm package, so this server answers the request and response shapes the documentation gives:
// - Errors `{ error: { code, message, innerError } }`, 401 InvalidAuthenticationToken, 429 with Retry-After:
//   https://learn.microsoft.com/graph/errors, https://learn.microsoft.com/graph/throttling
// - Paging with @odata.nextLink: https://learn.microsoft.com/graph/paging
// - GET /me: https://learn.microsoft.com/graph/api/user-get
// - GET /me/joinedTeams, /users/{id}/joinedTeams: https://learn.microsoft.com/graph/api/user-list-joinedteams
// - GET /teams/{id}/channels ($filter on membershipType): https://learn.microsoft.com/graph/api/channel-list
// - POST /teams/{id}/channels/{id}/messages: https://learn.microsoft.com/graph/api/channel-post-messages
// - POST …/messages/{id}/replies: https://learn.microsoft.com/graph/api/chatmessage-post-replies
// - GET /teams/{id}/channels/{id}/messages ($top up to 50): https://learn.microsoft.com/graph/api/channel-list-messages
// - POST/GET /chats/{id}/messages ($top up to 50, $orderby createdDateTime or lastModifiedDateTime desc):
//   https://learn.microsoft.com/graph/api/chat-post-messages, https://learn.microsoft.com/graph/api/chat-list-messages
// - chatMessage resource and adaptive card attachments (contentType application/vnd.microsoft.card.adaptive,
//   content a JSON string, named in the body by <attachment id="…"></attachment>):
//   https://learn.microsoft.com/graph/api/resources/chatmessage, …/graph/api/chatmessage-post#example-3
// - Client credentials and refresh token grants on https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token
//   (client credentials: https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow; refresh:
//   https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#refresh-the-access-token), and the
//   OpenID Connect metadata MSAL reads first (…/entra/identity-platform/v2-protocols-oidc)
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

export const TENANT = 'contoso.onmicrosoft.com';
export const USER = {
  id: '87d349ed-44d7-43e1-9a83-5f2406dee5bd',
  displayName: 'Adele Vance',
  userPrincipalName: 'AdeleV@contoso.onmicrosoft.com',
};
export const APP = { clientId: '6731de76-14a6-49ae-97bc-6eba6914391e', clientSecret: 'app-secret-conformance' };

export interface Team {
  id: string;
  displayName: string;
  description: string | null;
  isArchived: boolean;
  channels: Channel[];
}
export interface Channel {
  id: string;
  displayName: string;
  description: string | null;
  membershipType: 'standard' | 'private' | 'shared';
  email: string;
}
export interface ChatMessage {
  id: string;
  replyToId: string | null;
  messageType: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  subject: string | null;
  importance: string;
  chatId: string | null;
  webUrl: string | null;
  channelIdentity: { teamId: string; channelId: string } | null;
  from: { application: null; device: null; user: { id: string; displayName: string; userIdentityType: string } };
  body: { contentType: string; content: string };
  attachments: {
    id: string;
    contentType: string;
    content: string | null;
    contentUrl: string | null;
    name: string | null;
  }[];
  mentions: unknown[];
  reactions: unknown[];
}

export interface GraphReference {
  server: ReferenceServer;
  /** What a connection's graphUrl and loginUrl name. */
  url: string;
  teams: Team[];
  /** Messages by `teamId/channelId` or chat id, oldest first; replies by parent id. */
  threads: Map<string, ChatMessage[]>;
  replies: Map<string, ChatMessage[]>;
  /** Access tokens Graph accepts; refresh tokens the token endpoint accepts (one use each: they rotate). */
  accessTokens: Set<string>;
  refreshTokens: Set<string>;
  /** Client credentials grants the token endpoint answered, as posted. */
  appGrants: Record<string, string>[];
  /** Adds a message as another member would post it. */
  post(key: string, content: string, extra?: Partial<ChatMessage>): ChatMessage;
  close(): Promise<void>;
}

const PAGE = 2;
const refuse = (status: number, code: string, message: string) => ({ refused: graphError(status, code, message) });
const graphError = (
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): ReferenceReply => ({
  status,
  headers,
  body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': crypto.randomUUID() } } },
});

export async function startGraph(): Promise<GraphReference> {
  let clock = Date.parse('2026-12-01T09:00:00Z');
  let issued = 0;
  const teams: Team[] = [];
  const threads = new Map<string, ChatMessage[]>();
  const replies = new Map<string, ChatMessage[]>();
  const accessTokens = new Set<string>();
  const refreshTokens = new Set<string>();
  const appGrants: Record<string, string>[] = [];
  const server = await startReferenceServer({
    check(request) {
      if (!request.path.startsWith('/v1.0/')) return undefined;
      const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
      if (!token) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
      if (!accessTokens.has(token))
        return graphError(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.');
      return undefined;
    },
  });
  const url = server.url;

  const post = (key: string, content: string, extra: Partial<ChatMessage> = {}): ChatMessage => {
    clock += 60_000;
    const [teamId, channelId] = key.split('/');
    const isChannel = channelId !== undefined;
    const id = String(clock);
    const message: ChatMessage = {
      id,
      replyToId: null,
      messageType: 'message',
      createdDateTime: new Date(clock).toISOString(),
      lastModifiedDateTime: new Date(clock).toISOString(),
      subject: null,
      importance: 'normal',
      chatId: isChannel ? null : key,
      webUrl: isChannel ? `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${id}` : null,
      channelIdentity: isChannel ? { teamId: teamId as string, channelId } : null,
      from: {
        application: null,
        device: null,
        user: { id: USER.id, displayName: USER.displayName, userIdentityType: 'aadUser' },
      },
      body: { contentType: 'text', content },
      attachments: [],
      mentions: [],
      reactions: [],
      ...extra,
    };
    if (message.replyToId) replies.set(message.replyToId, [...(replies.get(message.replyToId) ?? []), message]);
    else threads.set(key, [...(threads.get(key) ?? []), message]);
    return message;
  };

  const team = (id: string | undefined) => teams.find((t) => t.id === id);
  const channelOf = (request: ReferenceRequest) =>
    team(request.params.team)?.channels.find((c) => c.id === request.params.channel);

  /** A page of `items` and the nextLink to the rest, by $skiptoken. */
  function page<T>(request: ReferenceRequest, items: T[], size: number): ReferenceReply {
    const repeated = [...new Set(request.query.keys())].find((key) => request.query.getAll(key).length > 1);
    if (repeated) return graphError(400, 'BadRequest', `Query option '${repeated}' was specified more than once.`);
    const skip = Number(request.query.get('$skiptoken') ?? 0);
    const value = items.slice(skip, skip + size);
    const rest = skip + size < items.length;
    const next = new URLSearchParams(request.query);
    next.set('$skiptoken', String(skip + size));
    return {
      body: {
        '@odata.context': `${url}/v1.0/$metadata`,
        value,
        ...(rest ? { '@odata.nextLink': `${url}${request.path}?${next.toString().replace(/%24/g, '$')}` } : {}),
      },
    };
  }

  function top(request: ReferenceRequest): number | ReferenceReply {
    const given = request.query.get('$top');
    if (given === null) return 20;
    const n = Number(given);
    return Number.isInteger(n) && n >= 1 && n <= 50
      ? n
      : graphError(400, 'BadRequest', `Invalid page size: ${given}; $top must be between 1 and 50.`);
  }

  /** The checks Graph makes of a chatMessage to post. */
  function newMessage(request: ReferenceRequest): { made: Partial<ChatMessage> } | { refused: ReferenceReply } {
    if (!String(request.headers['content-type']).startsWith('application/json'))
      return refuse(415, 'UnsupportedMediaType', 'Content type is not supported.');
    const body = request.body as {
      body?: { content?: unknown; contentType?: unknown };
      attachments?: ChatMessage['attachments'];
      subject?: string;
      importance?: string;
    };
    if (typeof body.body?.content !== 'string') return refuse(400, 'BadRequest', 'Missing body content.');
    const contentType = body.body.contentType ?? 'text';
    if (contentType !== 'text' && contentType !== 'html')
      return refuse(400, 'BadRequest', `Invalid content type: ${contentType}`);
    if (body.importance !== undefined && !['normal', 'high', 'urgent'].includes(body.importance)) {
      return refuse(400, 'BadRequest', `Invalid importance: ${body.importance}`);
    }
    for (const attachment of body.attachments ?? []) {
      if (!body.body.content.includes(`<attachment id="${attachment.id}"></attachment>`)) {
        return refuse(400, 'BadRequest', `Attachment with id ${attachment.id} is not referenced in the message body.`);
      }
      if (attachment.contentType === 'application/vnd.microsoft.card.adaptive') {
        let card: { type?: string } | undefined;
        try {
          card = JSON.parse(String(attachment.content));
        } catch {
          card = undefined;
        }
        if (card?.type !== 'AdaptiveCard') return refuse(400, 'BadRequest', 'Invalid adaptive card content.');
      }
    }
    return {
      made: {
        body: { contentType, content: body.body.content },
        subject: body.subject ?? null,
        importance: body.importance ?? 'normal',
        attachments: (body.attachments ?? []).map((a) => ({
          ...a,
          contentUrl: a.contentUrl ?? null,
          name: a.name ?? null,
        })),
      },
    };
  }

  // OpenID Connect metadata MSAL reads before its first token request, answered for the host it was asked on
  // (the TLS front in the tests): https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc
  server.route('GET', '/:tenant/v2.0/.well-known/openid-configuration', ({ params, headers }) => {
    const origin = `https://${headers.host}`;
    return {
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
        authorization_endpoint: `${origin}/${params.tenant}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${origin}/${params.tenant}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${origin}/${params.tenant}/oauth2/v2.0/logout`,
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat'],
        cloud_instance_name: 'microsoftonline.com',
        msgraph_host: 'graph.microsoft.com',
      },
    };
  });

  server.route('POST', '/:tenant/oauth2/v2.0/token', ({ params, body }) => {
    const form = body as Record<string, string>;
    if (params.tenant !== TENANT) {
      return {
        status: 400,
        body: { error: 'invalid_tenant', error_description: `AADSTS90002: Tenant '${params.tenant}' not found.` },
      };
    }
    if (form.client_id !== APP.clientId || form.client_secret !== APP.clientSecret) {
      return {
        status: 401,
        body: {
          error: 'invalid_client',
          error_description: 'AADSTS7000215: Invalid client secret provided.',
          error_codes: [7000215],
        },
      };
    }
    issued += 1;
    if (form.grant_type === 'client_credentials') {
      // The client credentials flow: https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
      if (form.scope !== 'https://graph.microsoft.com/.default') {
        return {
          status: 400,
          body: {
            error: 'invalid_scope',
            error_description: `AADSTS1002012: The provided value for scope ${form.scope} is not valid.`,
          },
        };
      }
      const access = `graph-app-${issued}`;
      accessTokens.add(access);
      appGrants.push(form);
      return { body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: access } };
    }
    if (form.grant_type !== 'refresh_token' || !refreshTokens.has(form.refresh_token ?? '')) {
      return {
        status: 400,
        body: {
          error: 'invalid_grant',
          error_description:
            'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.',
          error_codes: [70008],
        },
      };
    }
    refreshTokens.delete(form.refresh_token ?? '');
    const access = `graph-access-${issued}`;
    const refresh = `graph-refresh-${issued}`;
    accessTokens.add(access);
    refreshTokens.add(refresh);
    return {
      body: {
        token_type: 'Bearer',
        scope: form.scope ?? 'User.Read',
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: access,
        refresh_token: refresh,
      },
    };
  });

  server.route('GET', '/v1.0/me', () => ({
    body: { '@odata.context': `${url}/v1.0/$metadata#users/$entity`, ...USER },
  }));

  const joined = (request: ReferenceRequest) =>
    page(
      request,
      teams.map(({ channels: _, ...rest }) => rest),
      PAGE,
    );
  server.route('GET', '/v1.0/me/joinedTeams', joined);
  server.route('GET', '/v1.0/users/:user/joinedTeams', (request) =>
    request.params.user === USER.id || request.params.user === USER.userPrincipalName
      ? joined(request)
      : graphError(
          404,
          'Request_ResourceNotFound',
          `Resource '${request.params.user}' does not exist or one of its queried reference-property objects are not present.`,
        ),
  );

  server.route('GET', '/v1.0/teams/:team/channels', (request) => {
    const found = team(request.params.team);
    if (!found) return graphError(404, 'NotFound', `No team found with Group Id ${request.params.team}`);
    const filter = request.query.get('$filter');
    const kind = filter ? /^membershipType eq '(\w+)'$/.exec(filter)?.[1] : undefined;
    if (filter && !kind) return graphError(400, 'BadRequest', `Invalid filter clause: ${filter}`);
    return page(
      request,
      found.channels.filter((c) => !kind || c.membershipType === kind),
      PAGE,
    );
  });

  server.route('POST', '/v1.0/teams/:team/channels/:channel/messages', (request) => {
    if (!channelOf(request)) return graphError(404, 'NotFound', 'Channel not found.');
    const made = newMessage(request);
    if ('refused' in made) return made.refused;
    return { status: 201, body: post(`${request.params.team}/${request.params.channel}`, '', made.made) };
  });

  server.route('POST', '/v1.0/teams/:team/channels/:channel/messages/:message/replies', (request) => {
    const key = `${request.params.team}/${request.params.channel}`;
    if (!channelOf(request)) return graphError(404, 'NotFound', 'Channel not found.');
    const parent = threads.get(key)?.find((m) => m.id === request.params.message);
    if (!parent) return graphError(404, 'NotFound', 'Message not found.');
    const made = newMessage(request);
    if ('refused' in made) return made.refused;
    return { status: 201, body: post(key, '', { ...made.made, replyToId: parent.id }) };
  });

  server.route('GET', '/v1.0/teams/:team/channels/:channel/messages', (request) => {
    if (!channelOf(request)) return graphError(404, 'NotFound', 'Channel not found.');
    const size = top(request);
    if (typeof size !== 'number') return size;
    const newest = [...(threads.get(`${request.params.team}/${request.params.channel}`) ?? [])].reverse();
    return page(request, newest, size);
  });

  const chatKnown = (id: string | undefined) => id === '19:2da4c29f6d7041eca70b638b43d45437@thread.v2';
  server.route('POST', '/v1.0/chats/:chat/messages', (request) => {
    if (!chatKnown(request.params.chat)) return graphError(404, 'NotFound', 'Chat not found.');
    const made = newMessage(request);
    if ('refused' in made) return made.refused;
    return { status: 201, body: post(request.params.chat as string, '', made.made) };
  });
  server.route('GET', '/v1.0/chats/:chat/messages', (request) => {
    if (!chatKnown(request.params.chat)) return graphError(404, 'NotFound', 'Chat not found.');
    const size = top(request);
    if (typeof size !== 'number') return size;
    const order = request.query.get('$orderby');
    if (order !== null && order !== 'createdDateTime desc' && order !== 'lastModifiedDateTime desc') {
      return graphError(400, 'BadRequest', `$orderby ${order} is not supported.`);
    }
    return page(request, [...(threads.get(request.params.chat as string) ?? [])].reverse(), size);
  });

  return {
    server,
    url,
    teams,
    threads,
    replies,
    accessTokens,
    refreshTokens,
    appGrants,
    post,
    close: () => server.close(),
  };
}
