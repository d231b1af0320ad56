import { describe, expect, it } from 'vitest';
import { updateExpressionFor } from './update-expression.js';

describe('updateExpressionFor', () => {
  it('sets and removes through placeholders, so reserved words work', () => {
    expect(updateExpressionFor({ status: 'shipped', 'shipping.carrier': 'DHL' }, ['draft', 'name'])).toEqual({
      UpdateExpression: 'SET #set0 = :set0, #set1 = :set1 REMOVE #remove0, #remove1',
      ExpressionAttributeNames: {
        '#set0': 'status',
        '#set1': 'shipping.carrier',
        '#remove0': 'draft',
        '#remove1': 'name',
      },
      ExpressionAttributeValues: { ':set0': 'shipped', ':set1': 'DHL' },
    });
    expect(updateExpressionFor({}, ['x']).UpdateExpression).toBe('REMOVE #remove0');
    expect(updateExpressionFor({ a: 1 }).UpdateExpression).toBe('SET #set0 = :set0');
  });
});
