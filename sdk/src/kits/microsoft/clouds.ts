/**
 * Microsoft Graph's national clouds (learn.microsoft.com/graph/deployments): each has its own Graph
 * root and its own Microsoft Entra ID sign-in host, and a token from one is refused by the others.
 */
export const GRAPH_CLOUDS = {
  global: { graph: 'https://graph.microsoft.com', login: 'https://login.microsoftonline.com' },
  usGovernment: { graph: 'https://graph.microsoft.us', login: 'https://login.microsoftonline.us' },
  usGovernmentDoD: { graph: 'https://dod-graph.microsoft.us', login: 'https://login.microsoftonline.us' },
  china: { graph: 'https://microsoftgraph.chinacloudapi.cn', login: 'https://login.chinacloudapi.cn' },
} as const;

export type GraphCloud = keyof typeof GRAPH_CLOUDS;

/** Every national cloud's Graph and sign-in hosts, for a Graph connector's `network.allow`. */
export const GRAPH_HOSTS: readonly string[] = [
  ...new Set(Object.values(GRAPH_CLOUDS).flatMap((cloud) => [new URL(cloud.graph).host, new URL(cloud.login).host])),
];

export const isGraphCloud = (value: unknown): value is GraphCloud =>
  typeof value === 'string' && Object.hasOwn(GRAPH_CLOUDS, value);
