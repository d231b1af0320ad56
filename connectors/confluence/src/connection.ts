import { type Static, serviceUrl, Type } from '@mova/sdk';

/** One Confluence Cloud site; its host is reachable through network.connectionHosts. */
export const connectionFields = Type.Object({
  siteUrl: serviceUrl({
    description: 'Base URL of the Confluence Cloud site, e.g. https://your-domain.atlassian.net (without /wiki)',
  }),
  email: Type.String({ minLength: 3, description: 'Email of the Atlassian account the API token belongs to' }),
  apiToken: Type.String({
    minLength: 1,
    writeOnly: true,
    description: 'API token from id.atlassian.com/manage-profile/security/api-tokens',
  }),
});

export type ConfluenceConnection = Static<typeof connectionFields>;

/** Where Confluence Cloud sites live. */
export const CONFLUENCE_CLOUD_HOSTS = ['*.atlassian.net'] as const;
