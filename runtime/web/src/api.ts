import type { RunRecord, RunStatus, RunSummary, StepRecord } from '../../src/store/types.js';

// `waiting` (a run paused at an approval or a long wait) is the durable engine's; listing it here keeps
// the page's filters and badges right whether or not the store types name it yet.
export type PageRunStatus = RunStatus | 'waiting';
export type PageStepStatus = StepRecord['status'] | 'waiting';
export type Run = Omit<RunSummary, 'status'> & { status: PageRunStatus };
// `approval` is the durable engine's step kind, listed for the same reason.
export type Step = Omit<StepRecord, 'status' | 'kind'> & {
  status: PageStepStatus;
  kind: StepRecord['kind'] | 'approval';
};
export type RunDetail = Omit<RunRecord, 'status' | 'steps'> & { status: PageRunStatus; steps: Step[] };

/** A run waiting at its workflow's concurrency limit: not in the run store until it starts. */
export interface QueuedRun {
  id: string;
  workflow: string;
  status: 'queued';
  inputs: unknown;
  queuedAt: string;
  /** Its place in the queue, 1 for the next to start. */
  position: number;
}

export const RUN_STATUSES: readonly PageRunStatus[] = [
  'running',
  'waiting',
  'completed',
  'failed',
  'cancelled',
  'interrupted',
];

const API = '/api/v1';
const TOKEN_KEY = 'mova.serve.token';

/** A failed API call, with the server's message when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The API token, asked for once per browser tab: sessionStorage ends with the tab. */
export const token = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (value: string) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

const unauthorized = new Set<() => void>();

/** Called when the server refuses the stored token (it is cleared first), so the page asks again. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorized.add(listener);
  return () => unauthorized.delete(listener);
}

async function call<T>(path: string, init: RequestInit & { bearer?: string } = {}): Promise<T> {
  const { bearer = token.get() ?? '', ...rest } = init;
  const response = await fetch(`${API}${path}`, {
    ...rest,
    headers: { accept: 'application/json', authorization: `Bearer ${bearer}`, ...(rest.headers ?? {}) },
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string'
        ? body.error
        : `The server answered ${response.status}.`;
    if (response.status === 401 && init.bearer === undefined) {
      token.clear();
      for (const listener of unauthorized) listener();
    }
    throw new ApiError(response.status, message);
  }
  return body as T;
}

/** Checks a token against the server before it is kept: resolves when the API accepts it. */
export async function checkToken(candidate: string): Promise<void> {
  await call('/workflows', { bearer: candidate });
}

export interface RunFilters {
  status: string;
  workflow: string;
  id: string;
}

export const PAGE_SIZE = 25;

export function listRuns(
  filters: RunFilters,
  after: string | null,
  signal?: AbortSignal,
): Promise<{ runs: Run[]; next: string | null }> {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  if (after) query.set('after', after);
  return call(`/runs?${query}`, { signal });
}

export function getRun(id: string, signal?: AbortSignal): Promise<RunDetail | QueuedRun> {
  return call(`/runs/${encodeURIComponent(id)}`, { signal });
}

export async function listWorkflows(signal?: AbortSignal): Promise<string[]> {
  const { workflows } = await call<{ workflows: { name: string }[] }>('/workflows', { signal });
  return workflows.map((w) => w.name).sort();
}

/** Approves or rejects a waiting approval step (`POST /api/v1/runs/:id/approve|reject`). */
export function decide(runId: string, step: string, decision: 'approve' | 'reject', comment: string): Promise<unknown> {
  return call(`/runs/${encodeURIComponent(runId)}/${decision}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(comment.trim() ? { step, comment: comment.trim() } : { step }),
  });
}
