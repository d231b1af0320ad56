import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withNotion } from '../client.js';
import { mustBeFull, pageOf, pageSchema } from '../pages.js';
import { pageIdField } from '../schemas.js';

export const getPage = defineAction({
  auth,
  key: 'pages.get',
  title: 'Get a page',
  description:
    'Reads a page or database item: its title, property values (plain and as Notion gives them), parent, link and times. A page not shared with the integration fails as not found.',
  input: Type.Object({ pageId: pageIdField }),
  output: pageSchema,
  examples: [{ input: { pageId: '59833787-2cf9-4fdf-8782-e53db20768a5' } }],
  async run({ input, auth, ctx }) {
    const page = await withNotion(auth, ctx, (notion) => notion.pages.retrieve({ page_id: input.pageId }));
    return mustBeFull(pageOf(page), ctx.actionKey);
  },
});
