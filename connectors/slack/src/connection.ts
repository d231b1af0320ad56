import { type BearerValue, Type } from '@mova/sdk';

/** Slack's commercial Web API; the SDK's default too. */
export const SLACK_API_URL = 'https://slack.com/api/';

/**
 * The connection's fields beside the token. GovSlack, Slack's instance for the U.S. public sector, runs
 * on slack-gov.com rather than slack.com, so the Web API root is a field (listed in
 * `network.connectionHosts`, the host the sandbox lets the connector reach). Plain http only on a loopback
 * address (a local proxy or test server), so a token never crosses a network in clear.
 */
export const connectionFields = {
  apiUrl: Type.Optional(
    Type.String({
      pattern:
        '^(https://[A-Za-z0-9.-]+(:[0-9]{1,5})?|http://(localhost|127(\\.[0-9]{1,3}){3}|\\[::1\\])(:[0-9]{1,5})?)(/[^\\s?#]*)?$',
      description: `Web API root; default ${SLACK_API_URL}. GovSlack workspaces use https://slack-gov.com/api/.`,
    }),
  ),
};

export type SlackConnection = BearerValue & { apiUrl?: string };
