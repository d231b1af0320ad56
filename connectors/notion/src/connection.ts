import { type BearerValue, serviceUrl } from '@mova/sdk';

/** Notion's public API root; the SDK adds `/v1/`. */
export const NOTION_API_URL = 'https://api.notion.com';

/**
 * The API version every request names (`Notion-Version`). Pinned, not left to the SDK's default, so an
 * SDK upgrade cannot change the shapes a workflow reads: 2025-09-03 is the version of data sources
 * (a database holds one or more data sources; rows are queried and created through them).
 */
export const NOTION_VERSION = '2025-09-03';

/**
 * The connection's fields beside the token. The API root is a field for a company's egress proxy or API
 * gateway in front of api.notion.com (the sandbox lets the connector reach the host it names,
 * `network.connectionHosts`) and for a local test server.
 */
export const connectionFields = {
  apiUrl: serviceUrl({
    description: `API root without /v1; default ${NOTION_API_URL}. Change it only to go through an egress proxy or API gateway.`,
    default: NOTION_API_URL,
  }),
};

export type NotionConnection = BearerValue & { apiUrl?: string };
