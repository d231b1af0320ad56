import { useEffect, useState } from 'preact/hooks';
import { listRuns, listWorkflows, RUN_STATUSES, type Run, type RunFilters } from '../api.js';
import { elapsed, formatDuration, formatTime } from '../format.js';
import { navigate } from '../router.js';
import { StatusBadge } from './status-badge.js';

function filtersOf(search: string): RunFilters {
  const params = new URLSearchParams(search);
  return { status: params.get('status') ?? '', workflow: params.get('workflow') ?? '', id: params.get('id') ?? '' };
}

function addressOf(filters: RunFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `/runs?${query}` : '/runs';
}

/** The runs, newest first, filtered by status, workflow and id prefix (kept in the address), a page at a time. */
export function RunsList({ search }: { search: string }) {
  const filters = filtersOf(search);
  const [workflows, setWorkflows] = useState<string[]>([]);
  const [runs, setRuns] = useState<Run[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [idText, setIdText] = useState(filters.id);

  useEffect(() => {
    const controller = new AbortController();
    listWorkflows(controller.signal).then(setWorkflows, () => {});
    return () => controller.abort();
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setRuns(null);
    setError(null);
    listRuns(filters, null, controller.signal).then(
      (page) => {
        // An answer for filters the reader has already changed must not replace the newer one.
        if (controller.signal.aborted) return;
        setRuns(page.runs);
        setNext(page.next);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => controller.abort();
  }, [search]);

  // Typing an id prefix filters after a pause, not on every key.
  useEffect(() => {
    if (idText === filters.id) return;
    const timer = setTimeout(() => navigate(addressOf({ ...filters, id: idText.trim() }), { replace: true }), 250);
    return () => clearTimeout(timer);
  }, [idText]);

  const change = (key: keyof RunFilters, value: string) => navigate(addressOf({ ...filters, [key]: value }));

  const more = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await listRuns(filters, next);
      setRuns((shown) => [...(shown ?? []), ...page.runs]);
      setNext(page.next);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section class="runs">
      <h1>Runs</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={filters.status} onChange={(e) => change('status', e.currentTarget.value)}>
            <option value="">Any status</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Workflow
          <select value={filters.workflow} onChange={(e) => change('workflow', e.currentTarget.value)}>
            <option value="">Any workflow</option>
            {[...new Set([...workflows, ...(filters.workflow ? [filters.workflow] : [])])].map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </label>
        <label>
          Run id starts with
          <input
            type="search"
            value={idText}
            spellcheck={false}
            autoComplete="off"
            onInput={(e) => setIdText(e.currentTarget.value)}
          />
        </label>
      </form>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {runs === null && !error && <p class="muted results-status">Loading runs…</p>}
      {runs && (
        <>
          <p class="muted results-status" aria-live="polite">
            {runs.length === 0
              ? 'No run matches these filters.'
              : `${runs.length}${next ? '+' : ''} run${runs.length === 1 && !next ? '' : 's'}`}
          </p>
          {runs.length > 0 && (
            <table class="runs-table">
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col">Workflow</th>
                  <th scope="col">Status</th>
                  <th scope="col">Started</th>
                  <th scope="col">Duration</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr key={run.id} class="run-row">
                    <td>
                      <a class="run-link mono" href={`/runs/${encodeURIComponent(run.id)}`}>
                        {run.id}
                      </a>
                    </td>
                    <td>{run.workflow}</td>
                    <td>
                      <StatusBadge status={run.status} />
                    </td>
                    <td>
                      <time dateTime={run.startedAt}>{formatTime(run.startedAt)}</time>
                    </td>
                    <td>{run.endedAt ? formatDuration(elapsed(run.startedAt, run.endedAt)) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {next && (
            <button type="button" class="more" onClick={more} disabled={loadingMore}>
              {loadingMore ? 'Loading…' : 'Show more runs'}
            </button>
          )}
        </>
      )}
    </section>
  );
}
