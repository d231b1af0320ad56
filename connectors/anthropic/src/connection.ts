import { type Static, serviceUrl, Type } from '@mova/sdk';

/** Anthropic's API root, without /v1 (the SDK adds it); the SDK's default too. */
export const ANTHROPIC_API_URL = 'https://api.anthropic.com';

/**
 * An API key (x-api-key). The API root is a field for an LLM gateway or egress proxy in front of
 * api.anthropic.com (companies route model traffic through one for logging, budgets and a fixed
 * egress IP) and for a local test server; the sandbox lets the connector reach the host it names
 * (`network.connectionHosts`).
 */
export const connectionFields = Type.Object({
  apiKey: Type.String({
    minLength: 1,
    writeOnly: true,
    description: 'API key (sk-ant-api03-…) from console.anthropic.com → API keys, sent as x-api-key',
  }),
  apiUrl: serviceUrl({
    description: `API root without /v1; default ${ANTHROPIC_API_URL}. Change it only to go through an LLM gateway or proxy.`,
    default: ANTHROPIC_API_URL,
  }),
});

export type AnthropicConnection = Static<typeof connectionFields>;
