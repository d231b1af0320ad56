// Slack for clock skew between MOVA and the vendor; the trigger's dedupe drops what is seen twice.
const SKEW_MINUTES = 5;

/**
 * The look-back of a polling trigger whose query language is best given times relative to the
 * server's now (Jira's JQL and Confluence's CQL read absolute dates in the account's time zone):
 * `-Nm`, the whole minutes since `since` plus 5 for clock skew, or `-30d` on a first poll, with
 * nothing seen (or `since` unreadable).
 * @example
 * relativeLookBack('2026-01-01T10:00:00.000Z', Date.parse('2026-01-01T10:30:00Z')) // '-35m'
 */
export function relativeLookBack(since: string | undefined, now: number): string {
  const sinceMs = since === undefined ? Number.NaN : Date.parse(since);
  if (Number.isNaN(sinceMs)) return '-30d';
  return `-${Math.max(1, Math.ceil((now - sinceMs) / 60_000)) + SKEW_MINUTES}m`;
}
