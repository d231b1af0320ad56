import { transactionRefusal } from '@mova/sdk/sql';
import { describe, expect, it } from 'vitest';
import { sqlite } from './dialect.js';

describe('sqlite dialect', () => {
  it('writes upserts with EXCLUDED.column', () => {
    expect(sqlite.upsertClause({ do: 'nothing' }, ['a'])).toBe(' ON CONFLICT DO NOTHING');
    expect(sqlite.upsertClause({ do: 'update', columns: ['email'] }, ['email', 'name'])).toBe(
      ' ON CONFLICT ("email") DO UPDATE SET "name" = EXCLUDED."name"',
    );
    expect(() => sqlite.upsertClause({ do: 'update', columns: ['email'] }, ['email'])).toThrow(/no columns to update/);
  });

  it('refuses what would end the transaction, and lets savepoints through', () => {
    expect(transactionRefusal(sqlite, 'END TRANSACTION')).toEqual({ command: 'END', reason: 'control' });
    expect(transactionRefusal(sqlite, '-- why\nCOMMIT')).toEqual({ command: 'COMMIT', reason: 'control' });
    expect(transactionRefusal(sqlite, 'BEGIN IMMEDIATE')).toEqual({ command: 'BEGIN', reason: 'control' });
    expect(transactionRefusal(sqlite, 'ROLLBACK TO SAVEPOINT a')).toBeUndefined();
    expect(transactionRefusal(sqlite, 'CREATE TABLE t (x)')).toBeUndefined();
  });
});
