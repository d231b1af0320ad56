/** An UpdateExpression with the names and values it uses. */
export interface UpdateParts {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/**
 * The UpdateExpression that sets `set`'s attributes and removes `remove`'s, through placeholders
 * (so reserved words such as `status` or `name` work), named apart from a step's own.
 * @example updateExpressionFor({ status: 'shipped' }, ['draft'])
 * // { UpdateExpression: 'SET #set0 = :set0 REMOVE #remove0', ExpressionAttributeNames: { '#set0': 'status', '#remove0': 'draft' }, ExpressionAttributeValues: { ':set0': 'shipped' } }
 */
export function updateExpressionFor(set: Record<string, unknown> = {}, remove: readonly string[] = []): UpdateParts {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const assignments = Object.entries(set).map(([name, value], i) => {
    names[`#set${i}`] = name;
    values[`:set${i}`] = value;
    return `#set${i} = :set${i}`;
  });
  const removals = remove.map((name, i) => {
    names[`#remove${i}`] = name;
    return `#remove${i}`;
  });
  const clauses = [
    ...(assignments.length ? [`SET ${assignments.join(', ')}`] : []),
    ...(removals.length ? [`REMOVE ${removals.join(', ')}`] : []),
  ];
  return { UpdateExpression: clauses.join(' '), ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}
