import { Type } from '@mova/sdk';

export const tableField = () =>
  Type.String({
    minLength: 1,
    maxLength: 1024,
    description: 'Table name (3-255 letters, digits, _ - .) or table ARN, e.g. orders',
  });

export const keyField = (
  description = "The item's primary key: its partition key, and sort key if the table has one",
) =>
  Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
    description: `${description}, e.g. { "customerId": "c-17", "orderId": 1001 }`,
    minProperties: 1,
    maxProperties: 2,
  });

/** An item as JSON: maps and lists nest; sets come back as arrays, binary as base64. */
export const itemField = (description: string) => Type.Record(Type.String(), Type.Unknown(), { description });

export const nullableItem = (description: string) => Type.Union([itemField(description), Type.Null()], { description });

export const conditionField = () =>
  Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'Condition expression that must hold for the item as stored, or the write fails with a conflict, e.g. attribute_not_exists(orderId) or #status = :expected',
    }),
  );

export const namesField = () =>
  Type.Optional(
    Type.Record(Type.String({ pattern: '^#' }), Type.String(), {
      description: 'Placeholders for attribute names used in the expressions, e.g. { "#status": "status" }',
    }),
  );

export const valuesField = () =>
  Type.Optional(
    Type.Record(Type.String({ pattern: '^:' }), Type.Unknown(), {
      description: 'Values the expressions use, e.g. { ":expected": "paid" }',
    }),
  );

export const projectionField = () =>
  Type.Optional(
    Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      description: 'Only these top-level attributes of each item (default all)',
    }),
  );

/** ProjectionExpression for attribute names, through #placeholders so reserved words are fine. */
export function projectionOf(attributes: readonly string[] | undefined): {
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
} {
  if (!attributes?.length) return {};
  const names = Object.fromEntries(attributes.map((name, i) => [`#p${i}`, name]));
  return { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names };
}

/** Expression attribute names and values, leaving out empty ones (DynamoDB refuses empty maps). */
export function expressionParts(
  names: Record<string, string> | undefined,
  values: Record<string, unknown> | undefined,
): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } {
  return {
    ...(names && Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ...(values && Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  };
}
