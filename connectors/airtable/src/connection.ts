import { serviceUrl, Type } from '@mova/sdk';

/** Airtable's Web API root. */
export const AIRTABLE_API_URL = 'https://api.airtable.com/v0';

/** Beside the token: the API root, for traffic routed through an API gateway or proxy. */
export const connectionFields = {
  apiUrl: Type.Optional(
    serviceUrl({
      description: `API root; default ${AIRTABLE_API_URL}. Only for traffic routed through an API gateway or proxy.`,
      default: AIRTABLE_API_URL,
    }),
  ),
};

export interface AirtableConnection {
  token: string;
  apiUrl?: string;
}
