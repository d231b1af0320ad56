import { Type } from '@mova/sdk';

/** A document in Extended JSON, as inputs and outputs carry it. */
export const EjsonDocument = (description: string) => Type.Record(Type.String(), Type.Unknown(), { description });

export const collectionField = Type.String({ minLength: 1, description: 'Collection name' });

export const databaseField = Type.Optional(
  Type.String({ minLength: 1, description: 'Database to use instead of the connection’s default' }),
);
