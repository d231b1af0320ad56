/** `1.2 s`, `340 ms`, `3 min 5 s`, `2 h 4 min`: a duration as people read it. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.floor((ms % 60_000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** From `startedAt` to `endedAt`, or to now while it runs. */
export function elapsed(startedAt: string, endedAt: string | undefined, now = Date.now()): number {
  return (endedAt ? Date.parse(endedAt) : now) - Date.parse(startedAt);
}

/** A local date and time to the second, e.g. `2026-12-05 15:04:09`. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Values as the API gave them (already redacted by the run store), pretty-printed. */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'undefined';
}
