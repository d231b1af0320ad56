import { LinearClient } from '@linear/sdk';
import { type ActionContext, ConnectorError, serviceUrlOf } from '@mova/sdk';
import { LINEAR_API_URL, type LinearConnection } from './connection.js';
import { linearErrors } from './errors.js';

type CallContext = Pick<ActionContext, 'actionKey'>;

/**
 * Runs `use` with a Linear client for this connection; failures leave as ConnectorErrors.
 * @example
 * const issue = await withLinear(auth, ctx, (linear) => linear.issue('ENG-123'));
 */
export async function withLinear<T>(
  connection: LinearConnection,
  ctx: CallContext | undefined,
  use: (linear: LinearClient) => Promise<T>,
): Promise<T> {
  const client = createClient(connection, ctx?.actionKey);
  return linearErrors.call(ctx?.actionKey, () => use(client));
}

function createClient(connection: LinearConnection, actionKey: string | undefined): LinearClient {
  if ((connection.apiKey === undefined) === (connection.accessToken === undefined)) {
    throw new ConnectorError(
      'the Linear connection needs an apiKey or an accessToken, one of them',
      { kind: 'invalid_input', actionKey },
      'Give a personal API key (lin_api_…) or an OAuth access token.',
    );
  }
  let apiUrl: string;
  try {
    apiUrl = serviceUrlOf(connection.apiUrl, LINEAR_API_URL);
  } catch (error) {
    throw new ConnectorError(
      `the Linear connection's apiUrl is not usable: ${error instanceof Error ? error.message : String(error)}`,
      { kind: 'invalid_input', actionKey },
      'Give an https URL (or http on localhost), e.g. https://api.linear.app/graphql.',
    );
  }
  return connection.accessToken
    ? new LinearClient({ accessToken: connection.accessToken, apiUrl })
    : new LinearClient({ apiKey: connection.apiKey, apiUrl });
}
