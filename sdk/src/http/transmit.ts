import { type FailureContext, networkError, timeoutError } from './failures.js';
import { type OutgoingRequest, type RawResponse, send } from './send.js';
import { linkSignals } from './signals.js';
import type { FetchDispatcher } from './types.js';

/**
 * One timed exchange. A timeout or network failure becomes a ConnectorError; the parent signal's
 * own abort (the step was cancelled) is passed on as it is, since it is not the vendor's failure.
 */
export async function transmit(
  request: OutgoingRequest,
  context: FailureContext,
  options: { signal: AbortSignal; timeoutMs: number; dispatcher?: FetchDispatcher },
): Promise<RawResponse> {
  const linked = linkSignals([options.signal], options.timeoutMs);
  try {
    return await send(request, linked.signal, options.dispatcher);
  } catch (error) {
    if (options.signal.aborted) throw options.signal.reason;
    if (linked.timedOut) throw timeoutError(context, options.timeoutMs, error);
    throw networkError(context, error);
  } finally {
    linked.dispose();
  }
}
