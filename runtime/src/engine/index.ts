/**
 * `@mova/runtime/engine`: what `mova-connector serve` hosts around a runtime: the `Engine` (triggers,
 * runs API, approvals), its HTTP handler, schedules, webhook signatures, metrics, circuit breakers,
 * connection rate limits and durations.
 */
export { Breakers, type CircuitBreakerOptions, callOutcome, DEFAULT_BREAKER } from '../breaker/breakers.js';
export {
  type BreakerSettings,
  type BreakerSnapshot,
  type BreakerState,
  type CallOutcome,
  CircuitBreaker,
  type Permit,
} from '../breaker/circuit-breaker.js';
export { parseRateLimit, type RateLimit, RateLimiter } from '../connections/rate-limit.js';
export { formatDuration, parseDuration } from '../duration.js';
export type { PauseSupport, WaitingApproval, WaitingWait } from '../executor/pause.js';
export { retryDelay } from '../executor/retry.js';
export { DURABLE_MAX_WAIT_MS } from '../limits.js';
export { createMetrics, type EventLabels, type Metrics, type MetricsOptions } from '../metrics/metrics.js';
export type { PollOptions, PollResult } from '../triggers/poll.js';
export { type Clock, systemClock } from './clock.js';
export {
  type DecisionResult,
  Engine,
  type EngineOptions,
  EngineRefusal,
  ProjectError,
  type ProjectIssue,
  type RunDispatcher,
  type ServedWorkflow,
  type StartedRun,
  type TriggerKind,
  type WebhookRequest,
  type WebhookResponse,
} from './engine.js';
export { engineHandler, type HandlerOptions } from './http.js';
export { Schedule, type ScheduleOptions, type ScheduleState } from './scheduler.js';
export { type SignatureCheck, signBody, verifySignature } from './signature.js';
