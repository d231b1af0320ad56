import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDynamoDb } from '../client.js';

export const listTables = defineAction({
  auth,
  key: 'tables.list',
  title: 'List tables',
  description: "Lists the names of the account's tables in the connection's region (ListTables), reading every page.",
  input: Type.Object({}),
  output: Type.Object({
    tables: Type.Array(Type.String(), { description: 'Table names, in alphabetical order' }),
  }),
  examples: [{ title: 'All tables', input: {}, output: { tables: ['orders'] } }],
  async run({ auth, ctx }) {
    const tables = await withDynamoDb(auth, ctx, async ({ client }, options) => {
      const names: string[] = [];
      let start: string | undefined;
      do {
        const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start, Limit: 100 }), options);
        names.push(...(page.TableNames ?? []));
        start = page.LastEvaluatedTableName;
      } while (start);
      return names;
    });
    return { tables };
  },
});
