import { Auth, type AuthValue, Type } from '@mova/sdk';
import { withDatabase } from './client.js';

export const auth = Auth.custom({
  fields: Type.Object({
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
  }),
  validate: async (connection) => {
    await withDatabase(connection, {}, undefined, (db) => db.command({ ping: 1 }));
  },
});

export type MongoConnection = AuthValue<typeof auth>;
