import { describe, expect, it } from 'vitest';
import { quoteWith } from './identifiers.js';
import { onConflictClause } from './upsert.js';

const quote = quoteWith('"');

describe('onConflictClause', () => {
  it('skips, or updates every inserted column outside the target, or the ones asked for', () => {
    expect(onConflictClause(quote, { do: 'nothing' }, ['a'])).toBe(' ON CONFLICT DO NOTHING');
    expect(onConflictClause(quote, { do: 'nothing', columns: ['a'] }, ['a'])).toBe(' ON CONFLICT ("a") DO NOTHING');
    expect(onConflictClause(quote, { do: 'update', columns: ['email'] }, ['email', 'name', 'age'])).toBe(
      ' ON CONFLICT ("email") DO UPDATE SET "name" = EXCLUDED."name", "age" = EXCLUDED."age"',
    );
    expect(onConflictClause(quote, { do: 'update', columns: ['email'], update: ['age'] }, ['email', 'age'])).toBe(
      ' ON CONFLICT ("email") DO UPDATE SET "age" = EXCLUDED."age"',
    );
  });

  it('refuses an update with nothing to set', () => {
    expect(() => onConflictClause(quote, { do: 'update', columns: ['email'] }, ['email'])).toThrow(
      /no columns to update/,
    );
  });
});
