import { type Static, Type } from '@mova/sdk';
import { type Confluence, webUrl } from './client.js';

const nullableString = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

export const bodyFormat = (description: string) =>
  Type.Union([Type.Literal('storage'), Type.Literal('atlas_doc_format'), Type.Literal('wiki')], {
    default: 'storage',
    description,
  });

export const pageSchema = Type.Object({
  id: Type.String({ description: 'Page id' }),
  title: Type.String({ description: 'Page title' }),
  status: Type.String({ description: 'current, draft, archived or trashed' }),
  spaceId: Type.String({ description: 'Id of the page’s space' }),
  parentId: nullableString('Id of the parent page, or null at the top of the space'),
  version: Type.Integer({ description: 'Version number; an update must send the next one' }),
  body: nullableString('The body in the format asked for (storage XHTML by default), or null when not fetched'),
  bodyFormat: nullableString('Format of body: storage, atlas_doc_format or view'),
  url: nullableString('The page in the Confluence web UI'),
  createdAt: nullableString('When the page was created (ISO 8601)'),
});

export type Page = Static<typeof pageSchema>;

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : {});
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

/**
 * A REST v2 page (`GET /wiki/api/v2/pages/{id}`) as `pageSchema` says.
 * @example toPage(api, { id: '65537', title: 'Runbook', version: { number: 3 } }).version // 3
 */
export function toPage(api: Pick<Confluence, 'wikiUrl'>, raw: unknown): Page {
  const page = obj(raw);
  const body = obj(page.body);
  const format = ['storage', 'atlas_doc_format', 'view'].find((f) => obj(body[f]).value !== undefined) ?? null;
  const value = format ? obj(body[format]).value : undefined;
  return {
    id: str(page.id) ?? '',
    title: str(page.title) ?? '',
    status: str(page.status) ?? 'current',
    spaceId: str(page.spaceId) ?? '',
    parentId: str(page.parentId),
    version: Number(obj(page.version).number ?? 1),
    body: typeof value === 'string' ? value : value === undefined ? null : JSON.stringify(value),
    bodyFormat: format,
    url: webUrl(api, obj(page._links).webui),
    createdAt: str(page.createdAt),
  };
}

export const pageIdInput = Type.String({ pattern: '^[0-9]+$', description: 'Page id (the number in the page’s URL)' });
