import { ConnectorError, Type } from '@mova/sdk';
import type { Client } from '@notionhq/client';

/** A database named either by its data source or by the database (when it holds one data source). */
export const databaseFields = {
  dataSourceId: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'Id of the data source (a database’s table; Notion’s “Copy data source ID” in the database settings). Give this or databaseId',
    }),
  ),
  databaseId: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'Id of the database (from its URL); its only data source is used. Give this or dataSourceId; a database with several data sources needs dataSourceId',
    }),
  ),
};

/**
 * The data source to read or write: the one given, or the only one of the database given (from
 * GET /v1/databases/{id}, which lists a database's data sources since API version 2025-09-03).
 */
export async function dataSourceIdOf(
  notion: Client,
  input: { dataSourceId?: string; databaseId?: string },
  actionKey: string | undefined,
): Promise<string> {
  if (input.dataSourceId && input.databaseId) throw invalid('give dataSourceId or databaseId, not both', actionKey);
  if (input.dataSourceId) return input.dataSourceId;
  if (!input.databaseId) throw invalid('give the dataSourceId or the databaseId', actionKey);
  const database = await notion.databases.retrieve({ database_id: input.databaseId });
  const sources = 'data_sources' in database ? database.data_sources : [];
  const [only] = sources;
  if (sources.length === 1 && only) return only.id;
  if (sources.length === 0)
    throw invalid(`database ${input.databaseId} has no data source the integration can see`, actionKey);
  throw invalid(
    `database ${input.databaseId} has ${sources.length} data sources: ${sources.map((s) => `${s.name} (${s.id})`).join(', ')}`,
    actionKey,
    'Give the dataSourceId of the one to use.',
  );
}

function invalid(message: string, actionKey: string | undefined, hint?: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint);
}
