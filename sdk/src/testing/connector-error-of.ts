import { ConnectorError } from '../errors.js';

/**
 * The ConnectorError a call rejected with, for a test to look at its kind, status and fields;
 * throws when the call resolved or rejected with anything else.
 *
 * @example
 * const error = await connectorErrorOf(runAction(connector, 'keys.get', { key: 'k' }, { auth }));
 * expect(error).toMatchObject({ kind: 'auth', retryable: false });
 */
export async function connectorErrorOf(call: Promise<unknown>): Promise<ConnectorError> {
  const outcome = await call.then(
    (value) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved)
    throw new Error(`expected a ConnectorError, but the call gave ${JSON.stringify(outcome.value)}`);
  if (outcome.error instanceof ConnectorError) return outcome.error;
  throw new Error(`expected a ConnectorError, got ${String(outcome.error)}`, { cause: outcome.error });
}
