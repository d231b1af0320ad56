import { useEffect, useState } from 'preact/hooks';
import { ApiError, getRun, type QueuedRun, type RunDetail } from '../api.js';
import { elapsed, formatDuration, formatJson, formatTime } from '../format.js';
import { ErrorBox } from './error-box.js';
import { StatusBadge } from './status-badge.js';
import { StepItem } from './step-item.js';

// A run that has not ended is read again at this pace, so its steps appear as they finish.
const REFRESH_MS = 2000;

/** One run: its status, inputs and output, and the timeline of its steps. */
export function RunPage({ id }: { id: string }) {
  const [run, setRun] = useState<RunDetail | QueuedRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reads, setReads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getRun(id, controller.signal).then(
      (found) => {
        if (controller.signal.aborted) return;
        setRun(found);
        setError(null);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(
          e instanceof ApiError && e.status === 404
            ? `There is no run ${id}.`
            : e instanceof Error
              ? e.message
              : String(e),
        );
      },
    );
    return () => controller.abort();
  }, [id, reads]);

  const live = run?.status === 'running' || run?.status === 'waiting' || run?.status === 'queued';
  useEffect(() => {
    if (!live) return;
    const timer = setTimeout(() => setReads((n) => n + 1), REFRESH_MS);
    return () => clearTimeout(timer);
  }, [live, reads]);

  if (error) {
    return (
      <section class="run">
        <p>
          <a href="/runs">← All runs</a>
        </p>
        <p class="form-error" role="alert">
          {error}
        </p>
      </section>
    );
  }
  if (!run) return <p class="muted">Loading run {id}…</p>;
  if (run.status === 'queued') {
    return (
      <section class="run">
        <p>
          <a href="/runs">← All runs</a>
        </p>
        <h1 class="run-title">
          {run.workflow} <StatusBadge status="queued" />
        </h1>
        <p class="queued-note">
          Waiting at the workflow's concurrency limit: number {run.position} in line since{' '}
          <time dateTime={run.queuedAt}>{formatTime(run.queuedAt)}</time>. It is recorded once it starts.
        </p>
        <details class="io" open>
          <summary>Inputs</summary>
          <pre class="json">{formatJson(run.inputs)}</pre>
        </details>
      </section>
    );
  }

  return (
    <section class="run">
      <p>
        <a href="/runs">← All runs</a>
      </p>
      <h1 class="run-title">
        {run.workflow} <StatusBadge status={run.status} />
      </h1>
      <dl class="run-facts">
        <dt>Run</dt>
        <dd class="mono run-id">{run.id}</dd>
        <dt>Started</dt>
        <dd>
          <time dateTime={run.startedAt}>{formatTime(run.startedAt)}</time>
        </dd>
        <dt>Duration</dt>
        <dd class="run-duration">
          {run.endedAt ? formatDuration(elapsed(run.startedAt, run.endedAt)) : `${run.status} for now`}
        </dd>
      </dl>
      {run.error && <ErrorBox error={run.error} />}
      <details class="io" open>
        <summary>Inputs</summary>
        <pre class="json">{formatJson(run.inputs)}</pre>
      </details>
      {run.output !== undefined && (
        <details class="io" open>
          <summary>Output</summary>
          <pre class="json">{formatJson(run.output)}</pre>
        </details>
      )}
      <h2>Steps</h2>
      {run.steps.length === 0 ? (
        <p class="muted">No step has started.</p>
      ) : (
        <ol class="timeline">
          {run.steps.map((step) => (
            <StepItem
              key={step.key}
              runId={run.id}
              runStart={run.startedAt}
              step={step}
              onDecided={() => setReads((n) => n + 1)}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
