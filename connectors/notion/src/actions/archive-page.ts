import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withNotion } from '../client.js';
import { mustBeFull, pageOf, pageSchema } from '../pages.js';
import { pageIdField } from '../schemas.js';

export const archivePage = defineAction({
  auth,
  key: 'pages.archive',
  title: 'Archive (trash) a page',
  description:
    'Moves a page or database item to the trash (what the API calls archiving, in_trash), or restores it from the trash. Trashed pages are deleted for good by Notion after 30 days.',
  input: Type.Object({
    pageId: pageIdField,
    restore: Type.Boolean({ default: false, description: 'Restore the page from the trash instead (default false)' }),
  }),
  output: pageSchema,
  examples: [{ input: { pageId: '59833787-2cf9-4fdf-8782-e53db20768a5' } }],
  async run({ input, auth, ctx }) {
    const page = await withNotion(auth, ctx, (notion) =>
      notion.pages.update({ page_id: input.pageId, in_trash: !input.restore }),
    );
    return mustBeFull(pageOf(page), ctx.actionKey);
  },
});
