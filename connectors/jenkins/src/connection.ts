import { type Static, serviceUrl, Type } from '@mova/sdk';

/** One Jenkins controller, reached through the host `serverUrl` names (network.connectionHosts). */
export const connectionFields = Type.Object({
  serverUrl: serviceUrl({
    description: 'Root URL of Jenkins, e.g. https://jenkins.example.com or https://ci.example.com/jenkins',
  }),
  username: Type.String({ minLength: 1, description: 'Jenkins user id the API token belongs to' }),
  apiToken: Type.String({
    minLength: 1,
    writeOnly: true,
    description: 'API token of that user (user menu → Security → API Token → Add new token)',
  }),
});

export type JenkinsConnection = Static<typeof connectionFields>;
