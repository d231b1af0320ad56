import { describe, expect, it } from 'vitest';
import { mariaDbErrorName } from './mariadb-errors.js';

describe('mariaDbErrorName', () => {
  it("gives MariaDB's own numbers MariaDB's names", () => {
    expect(mariaDbErrorName(4025, 'ER_INNODB_AUTOEXTEND_SIZE_OUT_OF_RANGE')).toBe('ER_CONSTRAINT_FAILED');
    expect(mariaDbErrorName(4078, 'ER_REGEXP_MISSING_FILE')).toBe('ER_ILLEGAL_PARAMETER_DATA_TYPES2_FOR_OPERATION');
    expect(mariaDbErrorName(1927, undefined)).toBe('ER_CONNECTION_KILLED');
    expect(mariaDbErrorName(1969, undefined)).toBe('ER_STATEMENT_TIMEOUT');
    expect(mariaDbErrorName(1742, 'ER_RPL_INFO_DATA_TOO_LONG')).toBe('ER_VALUE_TOO_LONG');
  });

  it('keeps the names both servers share', () => {
    expect(mariaDbErrorName(1062, 'ER_DUP_ENTRY')).toBe('ER_DUP_ENTRY');
    expect(mariaDbErrorName(1364, 'ER_NO_DEFAULT_FOR_FIELD')).toBe('ER_NO_DEFAULT_FOR_FIELD');
    expect(mariaDbErrorName(3140, 'ER_INVALID_JSON_TEXT')).toBe('ER_INVALID_JSON_TEXT');
  });

  it("gives a number in MariaDB's ranges it does not know no name rather than MySQL's", () => {
    expect(mariaDbErrorName(4999, 'ER_SOME_MYSQL_ERROR')).toBeUndefined();
    expect(mariaDbErrorName(1999, 'ER_SOME_MYSQL_ERROR')).toBeUndefined();
  });
});
