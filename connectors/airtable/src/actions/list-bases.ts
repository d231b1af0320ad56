import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callAirtable } from '../client.js';

const base = Type.Object({
  id: Type.String({ description: 'Base ID (app…).' }),
  name: Type.String({ description: 'Base name.' }),
  permissionLevel: Type.String({ description: 'The token’s access: none, read, comment, edit or create.' }),
});

/** GET /v0/meta/bases, following `offset`. */
export const listBases = defineAction({
  key: 'bases.list',
  title: 'List bases',
  description: 'Lists the Airtable bases the token can reach, with its permission level on each.',
  auth,
  input: Type.Object({}),
  output: Type.Object({ bases: Type.Array(base, { description: 'The bases.' }) }),
  examples: [{ title: 'List bases', input: {} }],
  async run({ auth, ctx }) {
    const bases: { id: string; name: string; permissionLevel: string }[] = [];
    await callAirtable(auth, ctx, async (http) => {
      const pages = http.paginate<
        { id: string; name: string; permissionLevel: string },
        { bases: typeof bases; offset?: string }
      >({
        path: '/meta/bases',
        strategy: {
          type: 'cursor',
          cursorParam: 'offset',
          nextCursor: (r) => r.data.offset,
          items: (r) => r.data.bases,
        },
      });
      for await (const b of pages) bases.push({ id: b.id, name: b.name, permissionLevel: b.permissionLevel });
    });
    return { bases };
  },
});
