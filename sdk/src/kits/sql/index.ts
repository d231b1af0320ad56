/**
 * `@mova/sdk/sql`: the SQL kit. Everything a SQL connector shares (quoting, filtered selects,
 * guarded updates and deletes, inserts with upsert, transactions and the statements they refuse,
 * introspection, failures) written once against a small `SqlDialect`, which each connector
 * implements for its database.
 */

export { type ServerConnectionOptions, serverConnectionFields } from './connection-fields.js';
export {
  connectionParts,
  type DatabaseUrl,
  type DatabaseUrlOptions,
  parseDatabaseUrl,
  type UrlParameters,
} from './connection-url.js';
export type {
  Introspection,
  Row,
  Scalar,
  SqlDialect,
  SqlErrorClass,
  SqlQuery,
  SqlRunner,
  TableName,
  Upsert,
} from './dialect.js';
export {
  InputProblem,
  invalidInput,
  SqlError,
  type SqlErrorDetails,
  type SqlFailure,
  type SqlWhere,
  toSqlError,
} from './errors.js';
export { columnList, quoteTable, quoteWith, splitTableName } from './identifiers.js';
export { type ColumnInfo, fetchColumns, fetchTables, type TableSummary } from './introspection.js';
export {
  deleteRowsReturningAction,
  insertRowsReturningAction,
  updateRowsReturningAction,
} from './returning-actions.js';
export {
  columnInfo,
  deleteRowsAction,
  insertRowsField,
  returningField,
  rowsOf,
  selectRowsAction,
  transactionAction,
  transactionStatementsField,
  transferStatements,
  updateRowsAction,
  whereField,
} from './schemas.js';
export { type SessionContext, type SqlDriver, type SqlSession, sqlSessions, untilAborted } from './session.js';
export {
  type BindValue,
  type DeleteOptions,
  deleteStatement,
  guardAllRows,
  type InsertOptions,
  insertStatements,
  Parameters,
  returningClause,
  runSelect,
  type SelectOptions,
  selectStatement,
  type UpdateOptions,
  updateStatement,
  type Where,
  whereClause,
} from './statements.js';
export { listTablesAction, tableKinds, tablesOfKinds } from './table-list.js';
export {
  type CommentSyntax,
  inTransaction,
  leadingWords,
  refuseTransactionBreakers,
  runAll,
  type SqlRefusal,
  standardTransactionControl,
  type TransactionSession,
  transactionRefusal,
} from './transaction.js';
export { onConflictClause, onConflictField } from './upsert.js';
