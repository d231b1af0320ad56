import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { transactionAction, transferStatements } from './schemas.js';

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

describe('transactionAction', () => {
  const action = transactionAction({
    description: 'Runs statements.',
    statement: { sql: 'One statement', values: 'Its values' },
    result: Type.Object({ changes: Type.Integer() }),
    resultsDescription: 'One result per statement',
    dialect: { placeholder: () => '?' },
    exampleResult: { changes: 1 },
  });

  it('is `transaction` with the dialect’s field descriptions and result', () => {
    expect(action).toMatchObject({ key: 'transaction', title: 'Run statements in a transaction' });
    expect(action.input.properties.statements.items.properties.sql.description).toBe('One statement');
    expect(action.output.properties.results.description).toBe('One result per statement');
    expect(Value.Check(action.output, { results: [{ changes: 'x' }] })).toBe(false);
  });

  it('has an example moving money, one result per statement, that validates', () => {
    const [example] = action.examples;
    expect(example?.input.statements.map((statement) => statement.sql)).toEqual([
      'UPDATE accounts SET balance = balance - ? WHERE id = ?',
      'UPDATE accounts SET balance = balance + ? WHERE id = ?',
    ]);
    expect(Value.Check(action.input, example?.input)).toBe(true);
    expect(Value.Check(action.output, example?.output)).toBe(true);
  });
});
