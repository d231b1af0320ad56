import { transactionRefusal } from '@mova/sdk/sql';
import { describe, expect, it } from 'vitest';
import { mysql } from './dialect.js';

const refusal = (sql: string) => transactionRefusal(mysql, sql);

describe('refusal', () => {
  it.each([
    ['COMMIT', 'COMMIT'],
    ['commit work', 'COMMIT'],
    ['BEGIN', 'BEGIN'],
    ['begin work', 'BEGIN'],
    ['START TRANSACTION WITH CONSISTENT SNAPSHOT', 'START TRANSACTION'],
    ['ROLLBACK', 'ROLLBACK'],
    ['ROLLBACK WORK', 'ROLLBACK'],
    ["XA START 'x'", 'XA'],
    ['SET autocommit = 1', 'SET autocommit'],
    ['SET @@session.AUTOCOMMIT=1', 'SET autocommit'],
    ['# why\n-- because\n/* really */ COMMIT', 'COMMIT'],
    ['/*!40101 SET autocommit=1 */', 'SET autocommit'],
  ])('%j ends the transaction (%s)', (sql, command) => {
    expect(refusal(sql)).toEqual({ command, reason: 'control' });
  });

  it.each([
    ['CREATE TABLE t (x int)', 'CREATE'],
    ['create or replace table t (x int)', 'CREATE'],
    ['CREATE INDEX i ON t (x)', 'CREATE'],
    ['CREATE TABLE temporary (x int)', 'CREATE'],
    ['ALTER TABLE t ADD y int', 'ALTER'],
    ['DROP TABLE t', 'DROP'],
    ['TRUNCATE t', 'TRUNCATE'],
    ['RENAME TABLE a TO b', 'RENAME'],
    ["GRANT SELECT ON t TO 'u'", 'GRANT'],
    ['LOCK TABLES t WRITE', 'LOCK'],
    ['UNLOCK TABLES', 'UNLOCK'],
    ['ANALYZE TABLE t', 'ANALYZE'],
    ['LOAD INDEX INTO CACHE t', 'LOAD INDEX'],
    ["SET PASSWORD = PASSWORD('x')", 'SET PASSWORD'],
    ['START SLAVE', 'START SLAVE'],
    ['/*M!100301 DROP TABLE t */', 'DROP'],
  ])('%j commits implicitly (%s)', (sql, command) => {
    expect(refusal(sql)).toEqual({ command, reason: 'implicit-commit' });
  });

  it.each([
    'SELECT 1',
    'INSERT INTO t VALUES (1)',
    'UPDATE t SET x = 1',
    "INSERT INTO log VALUES ('COMMIT')",
    'SAVEPOINT a',
    'RELEASE SAVEPOINT a',
    'ROLLBACK TO a',
    'ROLLBACK WORK TO SAVEPOINT a',
    'CREATE TEMPORARY TABLE t (x int)',
    'CREATE OR REPLACE TEMPORARY TABLE t (x int)',
    'DROP TEMPORARY TABLE IF EXISTS t',
    "LOAD DATA INFILE '/tmp/x' INTO TABLE t",
    'SET @x = 1',
    'CALL p(1)',
    'DO 0',
    '-- COMMIT\nSELECT 1',
    'SELECT 1 -- COMMIT',
    '--COMMIT',
  ])('%j is allowed', (sql) => {
    expect(refusal(sql)).toBeUndefined();
  });
});
