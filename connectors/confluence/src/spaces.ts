import { ConnectorError } from '@mova/sdk';
import type { Confluence } from './client.js';

/** The id of the space with this key (REST v2 addresses spaces by id only). */
export async function spaceIdOf(api: Confluence, key: string): Promise<string> {
  const { data } = await api.http.get<{ results?: { id?: string | number }[] }>('/api/v2/spaces', {
    query: { keys: key, limit: 1 },
  });
  const id = data.results?.[0]?.id;
  if (id === undefined) {
    throw new ConnectorError(
      `no space has the key ${key}`,
      { kind: 'not_found', actionKey: api.actionKey },
      'Check the space key (shown in the space’s URL, /spaces/KEY/) and that the account can view the space.',
    );
  }
  return String(id);
}
