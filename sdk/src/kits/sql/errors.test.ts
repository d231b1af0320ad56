import { describe, expect, it } from 'vitest';
import { AnsiError, ansi } from '../../../test/ansi-dialect.js';
import { ConnectorError } from '../../errors.js';
import { InputProblem, invalidInput, toSqlError } from './errors.js';

describe('toSqlError', () => {
  it('reads server failures through the dialect, keeping the SQLSTATE in toJSON', () => {
    const server = Object.assign(new Error('duplicate key'), { sqlState: '23505' });
    const error = toSqlError(ansi, server, { actionKey: 'rows.insert' });
    expect(error).toBeInstanceOf(AnsiError);
    expect(error).toMatchObject({
      name: 'AnsiError',
      kind: 'conflict',
      message: 'rows.insert failed: duplicate key (SQLSTATE 23505)',
      vendorMessage: 'duplicate key',
      sqlState: '23505',
      cause: server,
    });
    expect(error.toJSON()).toMatchObject({ sqlState: '23505', kind: 'conflict' });
    expect(error.toJSON()).not.toHaveProperty('errno');
  });

  it('names the failing statement of a transaction, and never claims a rollback that did not happen', () => {
    const server = Object.assign(new Error('bad'), { sqlState: '22P02' });
    expect(toSqlError(ansi, server, { actionKey: 'transaction', statementIndex: 2 }).message).toBe(
      'transaction rolled back: statement 2 failed: bad (SQLSTATE 22P02)',
    );
    const ended = toSqlError(ansi, server, { actionKey: 'transaction', statementIndex: 1, transactionEnded: true });
    expect(ended.message).toMatch(/^transaction not rolled back: statement 1 ended the transaction .* and then failed/);
    expect(ended.toJSON()).toMatchObject({ statementIndex: 1 });
    expect(ended.toJSON()).not.toHaveProperty('transactionEnded');
  });

  it('turns refused input into invalid_input with its hint', () => {
    expect(toSqlError(ansi, invalidInput('no table', 'Name one.'), { actionKey: 'rows.select' })).toMatchObject({
      kind: 'invalid_input',
      message: 'rows.select refused: no table',
      hint: 'Name one.',
    });
    expect(invalidInput('x', 'y')).toBeInstanceOf(InputProblem);
  });

  it('reads socket, host and TLS failures the same for every dialect', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(toSqlError(ansi, refused, { actionKey: 'query' })).toMatchObject({
      kind: 'transient',
      actionKey: 'query',
      message: 'query failed: cannot reach the server (ECONNREFUSED)',
      errorCode: 'ECONNREFUSED',
    });
    const unknownHost = Object.assign(new Error('getaddrinfo ENOTFOUND db'), { code: 'ENOTFOUND' });
    expect(toSqlError(ansi, unknownHost)).toMatchObject({ kind: 'not_found', hint: expect.stringContaining('host') });
    const cert = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(toSqlError(ansi, cert)).toMatchObject({ kind: 'auth', hint: 'Fix ssl.' });
    expect(toSqlError(ansi, new Error('something odd'))).toMatchObject({
      kind: 'unknown',
      message: 'connection failed: something odd',
    });
  });

  it('lets a ConnectorError pass', () => {
    const given = new ConnectorError('x', { kind: 'auth' });
    expect(toSqlError(ansi, given)).toBe(given);
  });
});
