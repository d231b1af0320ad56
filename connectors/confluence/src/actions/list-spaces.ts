import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { cursorOf, webUrl, withConfluence } from '../client.js';

interface RawSpace {
  id?: string | number;
  key?: string;
  name?: string;
  type?: string;
  status?: string;
  homepageId?: string | number | null;
  _links?: { webui?: string };
}
interface SpacePage {
  results?: RawSpace[];
  _links?: { next?: string };
}

export const listSpaces = defineAction({
  auth,
  key: 'spaces.list',
  title: 'List spaces',
  description:
    'Lists the spaces the account can view, optionally only some keys, a type (global, personal) or a status.',
  input: Type.Object({
    keys: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Only these space keys' })),
    type: Type.Optional(
      Type.Union([Type.Literal('global'), Type.Literal('personal')], { description: 'Only global or personal spaces' }),
    ),
    status: Type.Optional(
      Type.Union([Type.Literal('current'), Type.Literal('archived')], {
        description: 'Only current or archived spaces',
      }),
    ),
    limit: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 100,
      description: 'Most spaces to return (default 100)',
    }),
  }),
  output: Type.Object({
    spaces: Type.Array(
      Type.Object({
        id: Type.String({ description: 'Space id (what pages.create takes as spaceId)' }),
        key: Type.String({ description: 'Space key, e.g. ENG' }),
        name: Type.String({ description: 'Space name' }),
        type: Type.String({ description: 'global or personal' }),
        status: Type.String({ description: 'current or archived' }),
        homepageId: Type.Union([Type.String(), Type.Null()], { description: 'Id of the space’s home page' }),
        url: Type.Union([Type.String(), Type.Null()], { description: 'The space in the web UI' }),
      }),
      { description: 'The spaces' },
    ),
  }),
  examples: [{ title: 'Global spaces', input: { type: 'global' } }],
  async run({ input, auth, ctx }) {
    return withConfluence(auth, ctx, async (api) => {
      const spaces = [];
      for await (const space of api.http.paginate<RawSpace, SpacePage>({
        path: '/api/v2/spaces',
        query: {
          keys: input.keys?.join(','),
          type: input.type,
          status: input.status,
          limit: Math.min(input.limit, 250),
        },
        strategy: {
          type: 'cursor',
          cursorParam: 'cursor',
          nextCursor: (response) => cursorOf(response.data._links?.next),
          items: (response) => response.data.results ?? [],
        },
      })) {
        spaces.push({
          id: String(space.id ?? ''),
          key: space.key ?? '',
          name: space.name ?? '',
          type: space.type ?? '',
          status: space.status ?? '',
          homepageId: space.homepageId == null ? null : String(space.homepageId),
          url: webUrl(api, space._links?.webui),
        });
        if (spaces.length >= input.limit) break;
      }
      return { spaces };
    });
  },
});
