import { describe, expect, it } from 'vitest';
import { toConnectorError } from './client.js';
import { kindForMySqlError, MySqlError } from './errors.js';

describe('kindForMySqlError', () => {
  it.each([
    ['ER_DUP_ENTRY', '23000', 'conflict'],
    ['ER_NO_SUCH_TABLE', '42S02', 'not_found'],
    ['ER_BAD_DB_ERROR', '42000', 'not_found'],
    ['ER_ACCESS_DENIED_ERROR', '28000', 'auth'],
    ['ER_DBACCESS_DENIED_ERROR', '42000', 'auth'],
    ['ER_TABLEACCESS_DENIED_ERROR', '42000', 'auth'],
    ['ECONNREFUSED', undefined, 'transient'],
    ['PROTOCOL_CONNECTION_LOST', undefined, 'transient'],
    ['ER_LOCK_DEADLOCK', '40001', 'transient'],
    ['ER_PARSE_ERROR', '42000', 'invalid_input'],
    ['ER_BAD_NULL_ERROR', '23000', 'invalid_input'],
    ['ER_TRUNCATED_WRONG_VALUE_FOR_FIELD', '22007', 'invalid_input'],
    ['ER_NO_DEFAULT_FOR_FIELD', 'HY000', 'invalid_input'],
    ['ER_WRONG_VALUE_COUNT_ON_ROW', '21S01', 'invalid_input'],
    ['ER_CHECK_CONSTRAINT_VIOLATED', 'HY000', 'invalid_input'],
    ['ER_CONSTRAINT_FAILED', '23000', 'invalid_input'],
    ['ER_ILLEGAL_PARAMETER_DATA_TYPES2_FOR_OPERATION', 'HY000', 'invalid_input'],
    ['ER_CONNECTION_KILLED', '70100', 'transient'],
    ['ER_SOMETHING_ELSE', 'HY000', 'unknown'],
  ])('%s (%s) is %s', (code, sqlState, kind) => {
    expect(kindForMySqlError(code, sqlState)).toBe(kind);
  });
});

describe('toConnectorError', () => {
  it('keeps the server code, number and SQLSTATE', () => {
    const server = Object.assign(new Error("Duplicate entry 'a' for key 'email'"), {
      code: 'ER_DUP_ENTRY',
      errno: 1062,
      sqlState: '23000',
    });
    expect(toConnectorError(server, { actionKey: 'rows.insert' })).toBeInstanceOf(MySqlError);
    expect(toConnectorError(server, { actionKey: 'rows.insert' })).toMatchObject({
      kind: 'conflict',
      errorCode: 'ER_DUP_ENTRY',
      errno: 1062,
      sqlState: '23000',
      vendorMessage: "Duplicate entry 'a' for key 'email'",
      message: "rows.insert failed: Duplicate entry 'a' for key 'email' (ER_DUP_ENTRY 1062, SQLSTATE 23000)",
    });
  });

  it('leaves out a name it does not have, keeping the number', () => {
    const server = Object.assign(new Error('New error'), { errno: 4999, sqlState: 'HY000' });
    expect(toConnectorError(server, { actionKey: 'query' })).toMatchObject({
      errorCode: undefined,
      errno: 4999,
      message: 'query failed: New error (4999, SQLSTATE HY000)',
    });
  });

  it('does not claim a rollback when the transaction had ended inside the failing statement', () => {
    const server = Object.assign(new Error('Duplicate entry'), {
      code: 'ER_DUP_ENTRY',
      errno: 1062,
      sqlState: '23000',
    });
    const error = toConnectorError(server, { actionKey: 'transaction', statementIndex: 1, transactionEnded: true });
    expect(error.message).toMatch(/^transaction not rolled back: statement 1 ended the transaction .* and then failed/);
    expect(error.toJSON()).not.toHaveProperty('transactionEnded');
  });

  it('classifies certificate failures as a connection problem with a hint', () => {
    const cert = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(toConnectorError(cert)).toMatchObject({ kind: 'auth', hint: expect.stringContaining('"required"') });
  });
});
