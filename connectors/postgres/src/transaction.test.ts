import { transactionRefusal } from '@mova/sdk/sql';
import { describe, expect, it } from 'vitest';
import { postgres } from './dialect.js';

describe('transactionRefusal', () => {
  it.each([
    ['COMMIT', 'COMMIT'],
    ['commit work', 'COMMIT'],
    ['COMMIT AND CHAIN', 'COMMIT'],
    ["COMMIT PREPARED 'x'", 'COMMIT'],
    ['end;', 'END'],
    ['BEGIN ISOLATION LEVEL SERIALIZABLE', 'BEGIN'],
    ['start transaction read only', 'START TRANSACTION'],
    ['ROLLBACK', 'ROLLBACK'],
    ['ROLLBACK TRANSACTION', 'ROLLBACK'],
    ['abort', 'ABORT'],
    ["PREPARE TRANSACTION 'x'", 'PREPARE TRANSACTION'],
    ['  -- why\n  /* a /* nested */ comment */ COMMIT', 'COMMIT'],
  ])('%j is %s', (sql, command) => {
    expect(transactionRefusal(postgres, sql)).toEqual({ command, reason: 'control' });
  });

  it.each([
    'ROLLBACK TO SAVEPOINT a',
    'rollback to a',
    'ROLLBACK WORK TO SAVEPOINT a',
    'SAVEPOINT a',
    'RELEASE SAVEPOINT a',
    'PREPARE q AS SELECT 1',
    'SELECT 1 -- COMMIT',
    "INSERT INTO log VALUES ('COMMIT')",
    'UPDATE t SET x = 1',
    'WITH c AS (SELECT 1) SELECT * FROM c',
    'START_TIME',
    '/* COMMIT */ SELECT 1',
  ])('%j is allowed', (sql) => {
    expect(transactionRefusal(postgres, sql)).toBeUndefined();
  });
});
