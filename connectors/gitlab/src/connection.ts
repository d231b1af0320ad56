import { type BearerValue, serviceUrl, Type } from '@mova/sdk';

/** GitLab.com; a self-managed instance names its own root in the connection. */
export const GITLAB_URL = 'https://gitlab.com';

/**
 * The connection's fields beside the token. A self-managed GitLab (or GitLab Dedicated) lives at
 * its own host, so the instance URL is a field the sandbox lets the connector reach
 * (`network.connectionHosts`).
 */
export const connectionFields = {
  url: Type.Optional(
    serviceUrl({
      description:
        'Instance URL without /api/v4: https://gitlab.com, or a self-managed one such as https://gitlab.example.com',
      default: GITLAB_URL,
    }),
  ),
  tokenType: Type.Optional(
    Type.Union([Type.Literal('personal'), Type.Literal('oauth')], {
      default: 'personal',
      description:
        'personal: a personal, project or group access token, sent as the PRIVATE-TOKEN header (default); oauth: an OAuth 2.0 access token, sent as Authorization: Bearer',
    }),
  ),
};

export type GitlabConnection = BearerValue & { url?: string; tokenType?: 'personal' | 'oauth' };
