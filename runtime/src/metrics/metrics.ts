import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { BreakerSnapshot, BreakerState } from '../breaker/circuit-breaker.js';
import type { RunEvent } from '../events.js';

/** What an event alone does not say, added by the runtime that emitted it. */
export interface EventLabels {
  /** The workflow's name. */
  workflow: string;
  /** For a `uses` step: `package@version` of its connector (`builtin` for `http_fetch`) and the action. */
  connector?: string;
  action?: string;
}

export interface MetricsOptions {
  /** Where the metrics are registered (default: a registry of their own, not prom-client's global one). */
  registry?: Registry;
  /** Also collect prom-client's Node process metrics (CPU, memory, event loop lag) into the registry. */
  processMetrics?: boolean;
  /** Buckets of `mova_step_duration_seconds`, in seconds. */
  buckets?: number[];
}

/** What `createRuntime({ metrics })` feeds and a server serves at `/metrics`. */
export interface Metrics {
  readonly registry: Registry;
  /** The Prometheus text format's content type, for the response header. */
  readonly contentType: string;
  /** Counts a run event; the runtime calls it for every event of every run. */
  observe(event: RunEvent, labels: EventLabels): void;
  /** Sets `mova_breaker_state` from a breaker's snapshot; the runtime calls it on every change. */
  breaker(snapshot: BreakerSnapshot): void;
  /** Sets `mova_queue_depth`: runs of a workflow waiting at its concurrency limit. */
  queueDepth(workflow: string, depth: number): void;
  /** Counts a run refused at its workflow's concurrency limit (`onLimit: "skip"`) in `mova_runs_skipped_total`. */
  runSkipped(workflow: string): void;
  /** Observes in `mova_rate_limit_wait_seconds` how long a step waited for its connection's rate limit (0: not at all). */
  rateLimitWaited(connection: string, seconds: number): void;
  /** Sets `mova_rate_limit_waiting`: steps waiting now for a token of the connection's rate limit. */
  rateLimitWaiting(connection: string, steps: number): void;
  /** Every metric in the Prometheus text format. */
  metricsText(): Promise<string>;
  /** A node:http handler that answers with `metricsText()` (mount it at `/metrics`). */
  handler(request: IncomingMessage, response: ServerResponse): void;
}

const BREAKER_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** Step durations: from a fast in-process call to a step at the default 5-minute ceiling. */
const DEFAULT_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * Prometheus metrics of a runtime's runs: runs started and finished by workflow and status, step
 * durations by connector, action and status, and circuit breaker states.
 * @example
 * const metrics = createMetrics();
 * const runtime = createRuntime({ metrics });
 * http.createServer((req, res) => (req.url === '/metrics' ? metrics.handler(req, res) : app(req, res)));
 */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = options.registry ?? new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const runsStarted = new Counter({
    name: 'mova_runs_started_total',
    help: 'Workflow runs started',
    labelNames: ['workflow'] as const,
    registers: [registry],
  });
  const runsFinished = new Counter({
    name: 'mova_runs_finished_total',
    help: 'Workflow runs finished, by status (completed, failed, cancelled)',
    labelNames: ['workflow', 'status'] as const,
    registers: [registry],
  });
  const stepDuration = new Histogram({
    name: 'mova_step_duration_seconds',
    help: 'Duration of connector and built-in steps (uses), retries and waits included, by status (completed, failed)',
    labelNames: ['connector', 'action', 'status'] as const,
    buckets: options.buckets ?? DEFAULT_BUCKETS,
    registers: [registry],
  });
  const breakerState = new Gauge({
    name: 'mova_breaker_state',
    help: 'Circuit breaker state per connector version and connection: 0 closed, 1 half-open, 2 open',
    labelNames: ['connector', 'connection'] as const,
    registers: [registry],
  });

  const queueDepth = new Gauge({
    name: 'mova_queue_depth',
    help: "Runs waiting at their workflow's concurrency limit (onLimit queue or cancel-older), by workflow",
    labelNames: ['workflow'] as const,
    registers: [registry],
  });
  const runsSkipped = new Counter({
    name: 'mova_runs_skipped_total',
    help: "Runs refused at their workflow's concurrency limit (onLimit skip), by workflow",
    labelNames: ['workflow'] as const,
    registers: [registry],
  });

  const rateLimitWait = new Histogram({
    name: 'mova_rate_limit_wait_seconds',
    help: "How long connector calls waited for their connection's rate limit (0 when a token was there), by connection",
    labelNames: ['connection'] as const,
    buckets: [0, 0.1, 0.5, 1, 5, 15, 60],
    registers: [registry],
  });
  const rateLimitWaiting = new Gauge({
    name: 'mova_rate_limit_waiting',
    help: "Connector calls waiting now for their connection's rate limit, by connection",
    labelNames: ['connection'] as const,
    registers: [registry],
  });

  return {
    registry,
    contentType: registry.contentType,
    observe(event, labels) {
      switch (event.type) {
        case 'run.started':
          runsStarted.inc({ workflow: labels.workflow });
          return;
        case 'run.finished':
          runsFinished.inc({ workflow: labels.workflow, status: event.status });
          return;
        case 'step.completed':
        case 'step.failed':
          if (event.step.kind !== 'uses' || labels.connector === undefined || labels.action === undefined) return;
          stepDuration.observe(
            {
              connector: labels.connector,
              action: labels.action,
              status: event.type === 'step.completed' ? 'completed' : 'failed',
            },
            event.durationMs / 1000,
          );
          return;
        default:
          return;
      }
    },
    breaker(snapshot) {
      breakerState.set(
        { connector: snapshot.connector, connection: snapshot.connection ?? '' },
        BREAKER_VALUE[snapshot.state],
      );
    },
    queueDepth(workflow, depth) {
      queueDepth.set({ workflow }, depth);
    },
    runSkipped(workflow) {
      runsSkipped.inc({ workflow });
    },
    rateLimitWaited(connection, seconds) {
      rateLimitWait.observe({ connection }, seconds);
    },
    rateLimitWaiting(connection, steps) {
      rateLimitWaiting.set({ connection }, steps);
    },
    metricsText: () => registry.metrics(),
    handler(_request, response) {
      registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': registry.contentType });
          response.end(text);
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          response.end(`metrics failed: ${error instanceof Error ? error.message : String(error)}\n`);
        },
      );
    },
  };
}
