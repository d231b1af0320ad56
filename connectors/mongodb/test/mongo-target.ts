import { startWireServer } from './wire/server.js';

export interface MongoTarget {
  uri: string;
  /** What the tests talk to, for messages: the real server's URL or the test double. */
  description: string;
  close(): Promise<void>;
}

/**
 * The server the tests run against: a real MongoDB when MOVA_TEST_MONGODB_URL is set, otherwise
 * the in-process wire-protocol test double (no MongoDB server can be installed on these machines).
 */
export async function mongoTarget(): Promise<MongoTarget> {
  const url = process.env.MOVA_TEST_MONGODB_URL;
  if (url) return { uri: url, description: `MongoDB at ${url}`, close: async () => {} };
  const server = await startWireServer();
  return { uri: server.uri, description: 'the wire-protocol test double', close: server.close };
}

/** The same connection string with other credentials, e.g. to see a login refused. */
export function withCredentials(uri: string, user: string, password: string): string {
  const { scheme, authority, path, query } = splitUri(uri);
  const hosts = authority.slice(authority.lastIndexOf('@') + 1);
  return `${scheme}${encodeURIComponent(user)}:${encodeURIComponent(password)}@${hosts}${path}${query}`;
}

/** The same connection string naming `database` in its path ('' for none). */
export function withDatabasePath(uri: string, database: string): string {
  const { scheme, authority, query } = splitUri(uri);
  return `${scheme}${authority}/${database}${query}`;
}

function splitUri(uri: string): { scheme: string; authority: string; path: string; query: string } {
  const schemeEnd = uri.indexOf('://') + 3;
  const queryStart = uri.includes('?') ? uri.indexOf('?') : uri.length;
  const slash = uri.indexOf('/', schemeEnd);
  const authorityEnd = slash >= 0 && slash < queryStart ? slash : queryStart;
  return {
    scheme: uri.slice(0, schemeEnd),
    authority: uri.slice(schemeEnd, authorityEnd),
    path: uri.slice(authorityEnd, queryStart),
    query: uri.slice(queryStart),
  };
}
