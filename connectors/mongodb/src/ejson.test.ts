import { ConnectorError } from '@mova/sdk';
import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { documentToEjson, fromEjson, toEjson } from './ejson.js';

describe('Extended JSON', () => {
  const id = '65a1f0c2e4b0a1b2c3d4e5f6';

  it('reads $oid and $date and leaves query operators alone', () => {
    const filter = fromEjson({ _id: { $oid: id }, at: { $gte: { $date: '2024-01-01T00:00:00Z' } } }, 'filter', 'k');
    expect(filter._id).toBeInstanceOf(ObjectId);
    expect(filter._id.toHexString()).toBe(id);
    expect(filter.at.$gte).toEqual(new Date('2024-01-01T00:00:00Z'));
  });

  it('writes relaxed Extended JSON: plain numbers, $oid and $date', () => {
    expect(documentToEjson({ _id: new ObjectId(id), n: 1.5, at: new Date('2024-01-01T00:00:00Z') })).toEqual({
      _id: { $oid: id },
      n: 1.5,
      at: { $date: '2024-01-01T00:00:00Z' },
    });
    expect(toEjson(7)).toBe(7);
    expect(toEjson(new ObjectId(id))).toEqual({ $oid: id });
  });

  it('names the field when the Extended JSON is malformed', () => {
    expect(() => fromEjson({ _id: { $oid: 'xyz' } }, 'filter', 'documents.find')).toThrow(ConnectorError);
    expect(() => fromEjson({ _id: { $oid: 'xyz' } }, 'filter', 'documents.find')).toThrow(/^filter is not valid/);
  });
});
