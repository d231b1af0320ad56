import { readFile } from 'node:fs/promises';
import { isRecord } from '../is-record.js';
import { ConnectionError } from './connections.js';
import { type TokenSet, type TokenWrite, withTokens } from './token-set.js';

/**
 * Writes a refreshed token set into connection `name` of a connections file. Holds an exclusive
 * lock on the file from read to rename, so runs in other processes writing at the same time each
 * read the other's update (the later expiry wins, see withTokens); the file is replaced
 * atomically (a temporary file, fsynced, renamed over it), keeping its permissions, so a crash
 * leaves the old or the new file. Returns what happened and the connection's auth now.
 */
export async function saveFileTokens(
  file: string,
  name: string,
  tokens: TokenSet,
): Promise<{ write: TokenWrite; auth?: Record<string, unknown> }> {
  // Loaded here, not with the runtime: only a refreshed OAuth2 token of a file connection gets here.
  const [{ default: lockfile }, { default: writeFileAtomic }] = await Promise.all([
    import('proper-lockfile'),
    import('write-file-atomic'),
  ]);
  let release: () => Promise<void>;
  try {
    // A holder that died leaves a lock that goes stale after 10 s.
    release = await lockfile.lock(file, {
      stale: 10_000,
      retries: { retries: 100, factor: 1.2, minTimeout: 20, maxTimeout: 500 },
    });
  } catch (error) {
    throw new ConnectionError(
      `cannot lock the connections file ${file} to store refreshed tokens of "${name}": ${(error as Error).message}`,
      'Check that the file exists and its folder is writable (the lock is a folder next to it).',
    );
  }
  try {
    const document = await readDocument(file, name);
    const entry = isRecord(document) && Object.hasOwn(document, name) ? document[name] : undefined;
    if (!isRecord(document) || !isRecord(entry)) {
      throw new ConnectionError(
        `the connections file ${file} no longer holds the connection "${name}"`,
        'The refreshed tokens were not stored: the next run refreshes again.',
      );
    }
    const auth = isRecord(entry.auth) ? entry.auth : {};
    const next = withTokens(auth, tokens);
    if (!next) return { write: 'kept', auth };
    document[name] = { ...entry, auth: next };
    // Keeps the file's mode and owner, fsyncs, then renames over it.
    await writeFileAtomic(file, `${JSON.stringify(document, null, 2)}\n`);
    return { write: 'saved', auth: next };
  } finally {
    await release();
  }
}

async function readDocument(file: string, name: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    // JSON.parse quotes the text around a mistake, which may be a secret: the message says only where.
    throw new ConnectionError(
      `cannot read the connections file ${file} back to store refreshed tokens of "${name}"`,
      'Check that it is still valid JSON; the refreshed tokens were not stored.',
    );
  }
}
