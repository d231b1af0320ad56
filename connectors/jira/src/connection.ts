import { type Static, serviceUrl, Type } from '@mova/sdk';

/**
 * One Jira site. Cloud sites live under atlassian.net (network.allow); a Data Center server, or a
 * Cloud site on a custom domain, is reached through the host `siteUrl` names (network.connectionHosts).
 */
export const connectionFields = Type.Object({
  siteUrl: serviceUrl({
    description:
      'Base URL of the Jira site: https://your-domain.atlassian.net for Cloud, or the Data Center base URL, e.g. https://jira.example.com',
  }),
  deployment: Type.Optional(
    Type.Union([Type.Literal('cloud'), Type.Literal('dataCenter')], {
      default: 'cloud',
      description:
        '"cloud" (default): Jira Cloud, REST API v3, email and API token. "dataCenter": Jira Data Center or Server, REST API v2, personal access token.',
    }),
  ),
  email: Type.Optional(
    Type.String({
      minLength: 3,
      description: 'Email of the Atlassian account the API token belongs to (Cloud only)',
    }),
  ),
  apiToken: Type.String({
    minLength: 1,
    writeOnly: true,
    description:
      'Cloud: an API token from id.atlassian.com/manage-profile/security/api-tokens. Data Center: a personal access token (Profile → Personal Access Tokens).',
  }),
});

export type JiraConnection = Static<typeof connectionFields>;

/** Where Jira Cloud sites live. */
export const JIRA_CLOUD_HOSTS = ['*.atlassian.net'] as const;
