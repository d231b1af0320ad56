import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { describeFailure } from './errors.js';

const sqliteError = (message: string) => Object.assign(new Error(message), { name: 'SQLite3Error' });

describe('describeFailure', () => {
  it.each([
    ['database is locked', 'transient', 'SQLITE_BUSY'],
    ['UNIQUE constraint failed: customers.email', 'conflict', 'SQLITE_CONSTRAINT_UNIQUE'],
    ['NOT NULL constraint failed: customers.email', 'invalid_input', 'SQLITE_CONSTRAINT_NOTNULL'],
    ['CHECK constraint failed: balance >= 0', 'invalid_input', 'SQLITE_CONSTRAINT_CHECK'],
    ['FOREIGN KEY constraint failed', 'invalid_input', 'SQLITE_CONSTRAINT_FOREIGNKEY'],
    ['no such table: orders', 'not_found', 'SQLITE_ERROR'],
    ['no such column: nme', 'invalid_input', 'SQLITE_ERROR'],
    ['near "SELEC": syntax error', 'invalid_input', 'SQLITE_ERROR'],
    ['table customers has no column named nme', 'invalid_input', 'SQLITE_ERROR'],
    ['file is not a database', 'invalid_input', 'SQLITE_NOTADB'],
    ['database disk image is malformed', 'unknown', 'SQLITE_CORRUPT'],
    ['attempt to write a readonly database', 'auth', 'SQLITE_READONLY'],
    ['unable to open database: /etc/secret.db', 'not_found', 'SQLITE_CANTOPEN'],
    ['unknown database stolen', 'not_found', 'SQLITE_ERROR'],
    ['disk I/O error', 'transient', 'SQLITE_IOERR'],
  ])('%s is %s (%s)', (message, kind, errorCode) => {
    expect(describeFailure(sqliteError(message))).toMatchObject({ kind, errorCode, vendorMessage: message });
  });

  it('keeps an unknown SQLite message as unknown, and leaves other errors to the kit', () => {
    expect(describeFailure(sqliteError('something new'))).toEqual({
      kind: 'unknown',
      what: 'something new',
      vendorMessage: 'something new',
    });
    expect(describeFailure(new Error('database is locked'))).toBeUndefined();
    expect(describeFailure(new ConnectorError('x', { kind: 'auth' }))).toBeUndefined();
  });
});
