import { describe, expect, it } from 'vitest';
import { toConnectorError } from './client.js';
import { kindForSqlState, PostgresError } from './errors.js';

describe('kindForSqlState', () => {
  it.each([
    ['23505', 'conflict'],
    ['42P01', 'not_found'],
    ['3D000', 'not_found'],
    ['28P01', 'auth'],
    ['28000', 'auth'],
    ['42501', 'auth'],
    ['08006', 'transient'],
    ['57P01', 'transient'],
    ['40P01', 'transient'],
    ['53300', 'transient'],
    ['22P02', 'invalid_input'],
    ['23503', 'invalid_input'],
    ['42601', 'invalid_input'],
    ['XX000', 'unknown'],
  ])('%s is %s', (code, kind) => {
    expect(kindForSqlState(code)).toBe(kind);
  });
});

describe('toConnectorError', () => {
  it('classifies network failures pg reports without a SQLSTATE', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(toConnectorError(refused, { actionKey: 'query' })).toMatchObject({ kind: 'transient', actionKey: 'query' });
    expect(toConnectorError(refused)).toBeInstanceOf(PostgresError);
    expect(toConnectorError(new Error('Connection terminated unexpectedly'))).toMatchObject({ kind: 'transient' });
    const cert = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(toConnectorError(cert)).toMatchObject({ kind: 'auth', hint: expect.stringContaining('"require"') });
    expect(toConnectorError(new Error('something odd'))).toMatchObject({ kind: 'unknown' });
  });
});
