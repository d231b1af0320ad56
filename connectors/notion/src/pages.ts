import { ConnectorError, type Static, Type } from '@mova/sdk';
import { isFullPage } from '@notionhq/client';

type NotionObject = Parameters<typeof isFullPage>[0];

const plainValue = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null(), Type.Array(Type.String())]);

export const pageSchema = Type.Object({
  id: Type.String({ description: 'Page id (UUID)' }),
  url: Type.String({ description: 'Link to the page in Notion' }),
  createdTime: Type.String({ description: 'When the page was created (ISO 8601)' }),
  lastEditedTime: Type.String({ description: 'When the page was last edited (ISO 8601)' }),
  inTrash: Type.Boolean({ description: 'Whether the page is in the trash (archived)' }),
  parent: Type.Object(
    {
      type: Type.String({ description: 'data_source_id, page_id, block_id or workspace' }),
      id: Type.Union([Type.String(), Type.Null()], { description: 'Id of the parent, null for the workspace' }),
    },
    { description: 'Where the page lives' },
  ),
  title: Type.String({ description: 'Plain text of the title property' }),
  values: Type.Record(Type.String(), plainValue, {
    description:
      'Property values in plain form by property name: text as a string, numbers, checkboxes, select and status names, multi-select names, a date’s start, people and relation ids',
  }),
  properties: Type.Record(Type.String(), Type.Unknown(), {
    description: 'The property values exactly as Notion gives them (page property value objects)',
  }),
});

export type Page = Static<typeof pageSchema>;
type PlainValue = Static<typeof plainValue>;

/** A page as actions give it; `undefined` for a partial object (one the integration cannot read). */
export function pageOf(object: NotionObject): Page | undefined {
  if (!isFullPage(object)) return undefined;
  const properties: Record<string, unknown> = { ...object.properties };
  const values: Record<string, PlainValue> = {};
  let title = '';
  for (const [name, property] of Object.entries(object.properties)) {
    values[name] = plainOf(property);
    if (property.type === 'title') title = richText(property.title);
  }
  return {
    id: object.id,
    url: object.url,
    createdTime: object.created_time,
    lastEditedTime: object.last_edited_time,
    inTrash: object.in_trash,
    parent: parentOf(object.parent),
    title,
    values,
    properties,
  };
}

/** Pages of a list answer, leaving out partial objects and data sources. */
export function pagesOf(results: readonly NotionObject[]): Page[] {
  return results.flatMap((result) => pageOf(result) ?? []);
}

function parentOf(parent: { type: string }): Page['parent'] {
  const id = Object.entries(parent).find(([key]) => key === parent.type)?.[1];
  return { type: parent.type, id: typeof id === 'string' ? id : null };
}

/** Plain text of a rich text array. */
export function richText(items: readonly { plain_text: string }[]): string {
  return items.map((item) => item.plain_text).join('');
}

/**
 * A property value in the plain form workflows compare and template with.
 * @example plainOf({ type: 'select', select: { name: 'Done' } }) // 'Done'
 */
export function plainOf(property: { type: string }): PlainValue {
  const value: unknown = Object.entries(property).find(([key]) => key === property.type)?.[1];
  switch (property.type) {
    case 'title':
    case 'rich_text':
      return Array.isArray(value) ? richText(value.filter(hasPlainText)) : '';
    case 'number':
    case 'checkbox':
    case 'string':
    case 'boolean':
    case 'url':
    case 'email':
    case 'phone_number':
    case 'created_time':
    case 'last_edited_time':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
    case 'select':
    case 'status':
      return field(value, 'name');
    case 'multi_select':
      return Array.isArray(value) ? value.flatMap((option) => field(option, 'name') ?? []) : [];
    case 'date':
      return field(value, 'start');
    case 'people':
    case 'relation':
      return Array.isArray(value) ? value.flatMap((item) => field(item, 'id') ?? []) : [];
    case 'created_by':
    case 'last_edited_by':
      return field(value, 'id');
    case 'unique_id': {
      const number = isRecord(value) && typeof value.number === 'number' ? value.number : null;
      const prefix = isRecord(value) && typeof value.prefix === 'string' ? `${value.prefix}-` : '';
      return number === null ? null : `${prefix}${number}`;
    }
    case 'formula':
      return isRecord(value) && typeof value.type === 'string' ? plainOf({ ...value, type: value.type }) : null;
    default:
      return null;
  }
}

function hasPlainText(item: unknown): item is { plain_text: string } {
  return isRecord(item) && typeof item.plain_text === 'string';
}

function field(value: unknown, name: string): string | null {
  return isRecord(value) && typeof value[name] === 'string' ? value[name] : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The page a write answered with; Notion answers writes with the full page object. */
export function mustBeFull(page: Page | undefined, actionKey: string | undefined): Page {
  if (page) return page;
  throw new ConnectorError('Notion answered with a partial page object', { kind: 'unknown', actionKey });
}
