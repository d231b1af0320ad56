import { describe, expect, it } from 'vitest';
import { transferStatements } from './schemas.js';

describe('transferStatements', () => {
  it('writes the example transfer with the dialect’s placeholders', () => {
    expect(transferStatements({ placeholder: (index) => `$${index}` })).toEqual([
      { sql: 'UPDATE accounts SET balance = balance - $1 WHERE id = $2', values: [100, 1] },
      { sql: 'UPDATE accounts SET balance = balance + $1 WHERE id = $2', values: [100, 2] },
    ]);
    expect(transferStatements({ placeholder: () => '?' })[1]?.sql).toBe(
      'UPDATE accounts SET balance = balance + ? WHERE id = ?',
    );
  });
});
