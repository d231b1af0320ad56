import type { Session } from './client.js';

// Built-in types live below this OID in every database, so their names can be cached across
// connections; user types (enums, domains) are looked up per call.
const FIRST_USER_OID = 16384;
const builtinNames = new Map<number, string>();

/** SQL names of column types ("integer", "timestamp with time zone", "text[]"), by type OID. */
export async function typeNames(session: Session, oids: number[]): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  const missing: number[] = [];
  for (const oid of new Set(oids)) {
    const known = builtinNames.get(oid);
    if (known) names.set(oid, known);
    else missing.push(oid);
  }
  if (missing.length === 0) return names;
  const result = await session.query(
    'SELECT oid::int AS oid, format_type(oid, NULL) AS name FROM pg_type WHERE oid = ANY($1::oid[])',
    [missing],
  );
  for (const { oid, name } of result.rows) {
    if (typeof oid !== 'number' || typeof name !== 'string') continue;
    names.set(oid, name);
    if (oid < FIRST_USER_OID) builtinNames.set(oid, name);
  }
  return names;
}
