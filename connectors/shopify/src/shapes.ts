import { type Static, Type } from '@mova/sdk';

/** A Shopify global ID for `type`, from a numeric ID or a gid already. */
export function gidOf(type: string, id: string): string {
  return id.startsWith('gid://') ? id : `gid://shopify/${type}/${id}`;
}

export const idInput = (type: string) =>
  Type.String({
    pattern: `^(gid://shopify/${type}/)?[0-9]+$`,
    description: `${type} ID: gid://shopify/${type}/123 or just 123.`,
  });

export const money = Type.Object(
  {
    amount: Type.String({ description: 'Decimal amount, as Shopify sends it (e.g. "19.90").' }),
    currencyCode: Type.String({ description: 'ISO 4217 currency code.' }),
  },
  { description: 'An amount in the shop’s currency.' },
);
type Money = Static<typeof money>;
export const moneyOf = (set: { shopMoney: Money } | null | undefined): Money | null =>
  set ? { amount: set.shopMoney.amount, currencyCode: set.shopMoney.currencyCode } : null;

export const pageInfo = Type.Object({
  hasNextPage: Type.Boolean({ description: 'Whether more results follow.' }),
  endCursor: Type.Union([Type.String(), Type.Null()], {
    description: 'Cursor to pass as `after` for the next results.',
  }),
});

export const listInput = {
  query: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Shopify search syntax, e.g. status:active, created_at:>2026-01-01, tag:vip.',
    }),
  ),
  maxResults: Type.Integer({
    minimum: 1,
    maximum: 2500,
    default: 50,
    description: 'Most results to return, across pages.',
  }),
  after: Type.Optional(
    Type.String({ minLength: 1, description: 'Cursor from a previous call’s endCursor, to continue.' }),
  ),
};

/** A GraphQL connection page as the queries ask for it. */
export interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Follows `pageInfo.endCursor` until `maxResults` or the last page, asking for at most `pageSize` per
 * page (Shopify's query cost grows with page size).
 */
export async function collect<T>(
  maxResults: number,
  after: string | undefined,
  pageSize: number,
  fetchPage: (first: number, after: string | undefined) => Promise<Page<T>>,
): Promise<{ nodes: T[]; pageInfo: Page<T>['pageInfo'] }> {
  const nodes: T[] = [];
  let cursor = after;
  let info: Page<T>['pageInfo'] = { hasNextPage: false, endCursor: null };
  do {
    const page = await fetchPage(Math.min(pageSize, maxResults - nodes.length), cursor);
    nodes.push(...page.nodes);
    info = page.pageInfo;
    cursor = info.endCursor ?? undefined;
  } while (info.hasNextPage && cursor && nodes.length < maxResults);
  return { nodes, pageInfo: info };
}
