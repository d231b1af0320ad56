import { describe, expect, it } from 'vitest';
import { entityOf, etagOf, pageOf, resultOf } from './odata.js';

// V2 JSON shapes as SAP Gateway sends them (OData V2 JSON verbose format): d.results, __count as a
// string, __next, __metadata with etag, __deferred navigation links and /Date(ms)/ stamps.
const v2Page = {
  d: {
    results: [
      {
        __metadata: {
          uri: "https://internal:44300/sap/opu/odata/sap/API_X/A_X('1')",
          type: 'API_X.A_XType',
          etag: 'W/"datetimeoffset\'2024-05-02T08%3A15%3A00Z\'"',
        },
        Id: '1',
        CreatedOn: '/Date(1714637700000)/',
        ChangedAt: '/Date(1714637700000+0120)/',
        to_Items: { __deferred: { uri: "https://internal:44300/sap/opu/odata/sap/API_X/A_X('1')/to_Items" } },
        to_Notes: { results: [{ __metadata: { type: 'API_X.Note' }, Text: 'n' }] },
      },
    ],
    __count: '7',
    __next: "https://internal:44300/sap/opu/odata/sap/API_X/A_X?$skiptoken='1'",
  },
};

describe('pageOf', () => {
  it('normalises a V2 page to items, count and nextLink', () => {
    expect(pageOf(v2Page, 2)).toEqual({
      items: [
        {
          '@odata.etag': 'W/"datetimeoffset\'2024-05-02T08%3A15%3A00Z\'"',
          Id: '1',
          CreatedOn: '2024-05-02T08:15:00.000Z',
          ChangedAt: '2024-05-02T08:15:00.000Z',
          to_Notes: [{ Text: 'n' }],
        },
      ],
      count: 7,
      nextLink: "https://internal:44300/sap/opu/odata/sap/API_X/A_X?$skiptoken='1'",
    });
    expect(pageOf({ d: [{ Id: '2' }] }, 2)).toEqual({ items: [{ Id: '2' }], count: null, nextLink: null });
  });

  it('reads a V4 page and drops @odata.context', () => {
    expect(
      pageOf(
        { '@odata.context': '$metadata#X', '@odata.count': 2, '@odata.nextLink': 'X?$skiptoken=1', value: [{ Id: 1 }] },
        4,
      ),
    ).toEqual({ items: [{ Id: 1 }], count: 2, nextLink: 'X?$skiptoken=1' });
  });
});

describe('entityOf and etagOf', () => {
  it('unwraps V2 d and prefers the ETag header over the body', () => {
    const entity = entityOf({ d: { __metadata: { etag: 'W/"1"' }, Id: '1' } }, 2);
    expect(entity).toEqual({ '@odata.etag': 'W/"1"', Id: '1' });
    expect(etagOf({}, entity)).toBe('W/"1"');
    expect(etagOf({ etag: 'W/"2"' }, entity)).toBe('W/"2"');
    expect(etagOf({}, entityOf({ '@odata.context': '$metadata#X/$entity', Id: 1 }, 4))).toBeNull();
  });
});

describe('resultOf', () => {
  it('gives V4 primitives and collections as the value, entities as themselves', () => {
    expect(resultOf({ '@odata.context': '$metadata#Edm.Int32', value: 3 }, 4, 'f')).toBe(3);
    expect(resultOf({ '@odata.context': '$metadata#X', value: [{ a: 1 }] }, 4, 'f')).toEqual([{ a: 1 }]);
    expect(resultOf({ '@odata.context': '$metadata#X/$entity', ID: 1, value: 2 }, 4, 'f')).toEqual({ ID: 1, value: 2 });
    expect(resultOf('', 4, 'f')).toBeNull();
  });

  it('unwraps V2 results and the function import’s name', () => {
    expect(resultOf({ d: { results: [{ __metadata: {}, A: '/Date(0)/' }] } }, 2, 'List')).toEqual([
      { A: '1970-01-01T00:00:00.000Z' },
    ]);
    expect(resultOf({ d: { Count: 5 } }, 2, 'Count')).toBe(5);
    expect(resultOf({ d: { __metadata: { type: 'X.Order' }, Id: '1' } }, 2, 'Release')).toEqual({ Id: '1' });
  });
});
