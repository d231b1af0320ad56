import { defineConnector } from '@mova/sdk';
import { deleteRows } from './actions/delete-rows.js';
import { describeTable } from './actions/describe-table.js';
import { insertRows } from './actions/insert-rows.js';
import { listTables } from './actions/list-tables.js';
import { runQuery } from './actions/run-query.js';
import { runTransaction } from './actions/run-transaction.js';
import { selectRows } from './actions/select-rows.js';
import { updateRows } from './actions/update-rows.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'sqlite',
  title: 'SQLite',
  description:
    'Query and change SQLite database files: parameterised SQL, row inserts with upsert, filtered selects, guarded updates and deletes, transactions, and table introspection.',
  categories: ['databases'],
  auth,
  actions: [runQuery, insertRows, selectRows, updateRows, deleteRows, runTransaction, listTables, describeTable],
  network: { allow: [] },
  // The database, its rollback journal and the lock directory node-sqlite3-wasm's VFS makes beside it.
  fs: { connectionPaths: ['filename'], siblingSuffixes: ['-journal', '-wal', '-shm', '.lock'] },
});
