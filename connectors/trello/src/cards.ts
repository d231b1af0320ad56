import { type Static, Type } from '@mova/sdk';

/** Card fields asked for on every read, so outputs have one shape. */
export const CARD_FIELDS =
  'name,desc,url,shortUrl,idList,idBoard,idMembers,idLabels,labels,due,dueComplete,start,closed,pos,dateLastActivity';

export const trelloId = (description: string) =>
  Type.String({ pattern: '^[0-9a-fA-F]{24}$', description: `${description} (24 hexadecimal characters).` });

export const card = Type.Object({
  id: Type.String({ description: 'Card ID.' }),
  name: Type.String({ description: 'Card title.' }),
  desc: Type.String({ description: 'Description (Markdown).' }),
  url: Type.String({ description: 'Full link to the card.' }),
  shortUrl: Type.String({ description: 'Short link to the card.' }),
  idList: Type.String({ description: 'List the card is in.' }),
  idBoard: Type.String({ description: 'Board the card is on.' }),
  idMembers: Type.Array(Type.String(), { description: 'Members assigned to the card.' }),
  labels: Type.Array(
    Type.Object({
      id: Type.String({ description: 'Label ID.' }),
      name: Type.String({ description: 'Label name (may be empty).' }),
      color: Type.Union([Type.String(), Type.Null()], { description: 'Label colour.' }),
    }),
    { description: 'Labels on the card.' },
  ),
  due: Type.Union([Type.String(), Type.Null()], { description: 'Due date (ISO 8601), or null.' }),
  dueComplete: Type.Boolean({ description: 'Whether the due date is marked complete.' }),
  start: Type.Union([Type.String(), Type.Null()], { description: 'Start date (ISO 8601), or null.' }),
  closed: Type.Boolean({ description: 'Whether the card is archived.' }),
  pos: Type.Number({ description: 'Position in the list (lower is higher up).' }),
  dateLastActivity: Type.String({ description: 'When the card last changed (ISO 8601).' }),
});
export type Card = Static<typeof card>;

/** A card as Trello sends it, reduced to the output's fields. */
export function toCard(c: Card & Record<string, unknown>): Card {
  return {
    id: c.id,
    name: c.name,
    desc: c.desc ?? '',
    url: c.url,
    shortUrl: c.shortUrl,
    idList: c.idList,
    idBoard: c.idBoard,
    idMembers: c.idMembers ?? [],
    labels: (c.labels ?? []).map(({ id, name, color }) => ({ id, name: name ?? '', color: color ?? null })),
    due: c.due ?? null,
    dueComplete: c.dueComplete ?? false,
    start: c.start ?? null,
    closed: c.closed ?? false,
    pos: c.pos,
    dateLastActivity: c.dateLastActivity,
  };
}

export const position = Type.Union(
  [Type.Literal('top'), Type.Literal('bottom'), Type.Number({ exclusiveMinimum: 0 })],
  { description: 'Where in the list: top, bottom, or a positive number.' },
);
