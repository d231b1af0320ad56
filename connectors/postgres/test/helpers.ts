import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The local server: trust authentication, so any password is accepted. */
export const connection = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };

/** A name no parallel test run will pick: tables, schemas and roles are created per test file. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Runs setup and verification SQL directly, independent of the connector under test. */
export async function admin(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}
