import { type Static, Type } from '@mova/sdk';

/** The connection of a service account: its JSON key, and where Cloud Storage and its tokens are. */
export const connectionFields = Type.Object(
  {
    serviceAccountKey: Type.String({
      minLength: 2,
      writeOnly: true,
      description:
        'The whole JSON key file of a service account (IAM & Admin → Service accounts → Keys → Add key → JSON), pasted as text.',
    }),
    projectId: Type.Optional(
      Type.String({
        pattern: '^[a-z][a-z0-9-]{4,28}[a-z0-9]$',
        description: "Project whose buckets buckets.list shows; defaults to the key's project_id.",
      }),
    ),
    apiEndpoint: Type.Optional(
      Type.String({
        format: 'uri',
        pattern: '^https?://[^/?#]+/?$',
        description:
          'Cloud Storage endpoint to use instead of https://storage.googleapis.com: a regional endpoint (https://storage.europe-west3.rep.googleapis.com), a Private Service Connect endpoint (https://storage-myendpoint.p.googleapis.com), or a server speaking the JSON API (an emulator). Requests carry the access token there too, and signed URLs point at it.',
      }),
    ),
    tokenUri: Type.Optional(
      Type.String({
        format: 'uri',
        pattern: '^https?://[^/?#]+',
        description:
          "OAuth 2.0 token endpoint to exchange the key for access tokens at, instead of https://oauth2.googleapis.com/token: e.g. a Private Service Connect endpoint (https://oauth2-myendpoint.p.googleapis.com/token), or an emulator's.",
      }),
    ),
  },
  { additionalProperties: false },
);

export type GcsConnection = Static<typeof connectionFields>;
