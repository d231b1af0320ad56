import { defineTrigger, relativeLookBack, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withConfluence } from '../client.js';
import { type SearchHit, searchContent, searchHitSchema } from '../search.js';

/**
 * The CQL for one poll: pages changed since the newest change seen, oldest first. The window is
 * relative (`now("-Nm")`) because absolute CQL dates are read in the account's time zone; the first
 * poll, with nothing seen, looks at the last 30 days.
 * @example changedCql('ENG', undefined, '2026-01-01T10:00:00.000Z', Date.parse('2026-01-01T10:30:00Z'))
 * // 'type = page AND space = "ENG" AND lastmodified >= now("-35m") ORDER BY lastmodified ASC'
 */
export function changedCql(
  space: string | undefined,
  filter: string | undefined,
  since: string | undefined,
  now: number,
) {
  const window = relativeLookBack(since, now);
  const scope = [space ? `space = "${space}"` : undefined, filter ? `(${filter})` : undefined].filter(Boolean);
  const where = ['type = page', ...scope, `lastmodified >= now("${window}")`].join(' AND ');
  return `${where} ORDER BY lastmodified ASC`;
}

export const pageUpdated = defineTrigger({
  auth,
  kind: 'polling',
  key: 'pages.updated',
  title: 'Page created or updated',
  description:
    'Starts a workflow for each page created or edited since the last poll, in a space or matching a CQL filter, oldest change first (found with a CQL search on lastmodified).',
  input: Type.Object({
    spaceKey: Type.Optional(Type.String({ minLength: 1, description: 'Only pages of this space, e.g. ENG' })),
    cql: Type.Optional(
      Type.String({ minLength: 1, description: 'More CQL the pages must match, e.g. label = "runbook" (no ORDER BY)' }),
    ),
    limit: Type.Integer({
      minimum: 1,
      maximum: 250,
      default: 100,
      description: 'Most pages read per poll (default 100); the rest follow on the next polls',
    }),
  }),
  output: searchHitSchema,
  dedupe: { by: 'timestamp', field: 'lastModified' },
  examples: [{ title: 'Changes in the Engineering space', input: { spaceKey: 'ENG' } }],
  async poll({ input, auth, ctx, since }) {
    return withConfluence(auth, ctx, async (api) => {
      const cql = changedCql(input.spaceKey, input.cql, since, Date.now());
      const found: SearchHit[] = [];
      let cursor: string | undefined;
      do {
        const page = await searchContent(api, { cql, limit: input.limit - found.length, cursor });
        found.push(...page.results);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && found.length < input.limit);
      return found;
    });
  },
});
