import {
  type ActionContext,
  Auth,
  createHttpClient,
  type HttpClient,
  type HttpMethod,
  type Query,
  serviceUrlOf,
} from '@mova/sdk';
import { connectionFields, TRELLO_API_URL, type TrelloConnection } from './connection.js';
import { trelloErrors } from './errors.js';

/** The connection's fields as an auth definition, so the client cuts the key and token out of error messages. */
const credentials = Auth.custom({ fields: connectionFields });

/** One Trello REST call with the connection's key and token in the query, as Trello's docs send them. */
export interface Trello {
  call<T>(method: HttpMethod, path: string, options?: { query?: Query; json?: unknown }): Promise<T>;
}

/**
 * A Trello client for this connection. Trello has no official Node SDK (the `trello` npm package is a
 * small third-party wrapper last published years ago), so this is the SDK's HTTP helper.
 * @example
 * const card = await trello(auth, ctx).call<Card>('POST', '/cards', { json: { idList, name } });
 */
export function trello(connection: TrelloConnection, ctx: ActionContext | undefined): Trello {
  const http: HttpClient = createHttpClient({
    baseUrl: serviceUrlOf(connection.apiUrl, TRELLO_API_URL),
    auth: { definition: credentials, value: connection },
    signal: ctx?.signal,
    actionKey: ctx?.actionKey,
  });
  const auth = { key: connection.apiKey, token: connection.token };
  return {
    call: (method, path, options = {}) =>
      trelloErrors.call(ctx?.actionKey, async () => {
        const response = await http.request<never>({
          method,
          path,
          query: { ...options.query, ...auth },
          ...(options.json === undefined ? {} : { json: options.json }),
        });
        return response.data;
      }),
  };
}
