import { type Static, serviceUrl, Type } from '@mova/sdk';

/** OpenAI's API root; the SDK's default too. */
export const OPENAI_API_URL = 'https://api.openai.com/v1';

/**
 * An API key, and the organization and project its usage is billed to. The API root is a field for
 * OpenAI's data-residency endpoints (e.g. https://eu.api.openai.com/v1 for projects kept in Europe),
 * an egress proxy or AI gateway in front of api.openai.com, and a local test server; the sandbox lets
 * the connector reach the host it names (`network.connectionHosts`).
 */
export const connectionFields = Type.Object({
  apiKey: Type.String({
    minLength: 1,
    writeOnly: true,
    description: 'API key (sk-proj-… or sk-…) from platform.openai.com → API keys',
  }),
  organization: Type.Optional(
    Type.String({
      pattern: '^org-[A-Za-z0-9]+$',
      description: 'Organization id (org-…) to bill, sent as OpenAI-Organization; the key’s default when left out',
    }),
  ),
  project: Type.Optional(
    Type.String({
      pattern: '^proj_[A-Za-z0-9]+$',
      description: 'Project id (proj_…) to bill, sent as OpenAI-Project; the key’s default when left out',
    }),
  ),
  apiUrl: serviceUrl({
    description: `API root with /v1; default ${OPENAI_API_URL}. https://eu.api.openai.com/v1 for EU data residency, or a gateway’s URL.`,
    default: OPENAI_API_URL,
  }),
});

export type OpenAIConnection = Static<typeof connectionFields>;
