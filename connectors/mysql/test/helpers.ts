import { randomBytes } from 'node:crypto';
import mysql, { type RowDataPacket } from 'mysql2/promise';

/** The local MariaDB: root without a password over TCP, database `test`. */
export const connection = { host: '127.0.0.1', port: 3306, user: 'root', database: 'test' };

/** A name no parallel test run will pick: tables and databases are created per test file. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Runs setup and verification SQL directly, independent of the connector under test. */
export async function admin(text: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  const db = await mysql.createConnection(connection);
  try {
    const [rows] = await db.query<RowDataPacket[]>(text, values);
    return rows;
  } finally {
    await db.end();
  }
}
