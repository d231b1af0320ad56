import { type Static, Type } from '@mova/sdk';

/** The connection of a MongoDB deployment: its connection string, and the default database. */
export const connectionFields = Type.Object({
  uri: Type.String({
    minLength: 1,
    writeOnly: true,
    description:
      'Connection string, e.g. mongodb://user:password@host:27017/app?authSource=admin or mongodb+srv://cluster.example.net/app',
  }),
  database: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Database the actions use when they name none (otherwise the one in the connection string)',
    }),
  ),
});

export type MongoConnection = Static<typeof connectionFields>;
