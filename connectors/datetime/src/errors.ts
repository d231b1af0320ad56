import { ConnectorError } from '@mova/sdk';

/** A date, zone, format or duration in the step's input that Luxon cannot read. */
export function invalidInput(message: string, actionKey: string | undefined, hint?: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint);
}

/**
 * Luxon reports most problems as invalid DateTimes (handled where they arise), but throws for a
 * few inputs, such as an unknown duration unit ("Invalid unit dayz"); those are the input's fault.
 */
export function toConnectorError(error: unknown, actionKey?: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const luxon =
    error instanceof Error && /^(Invalid unit|Invalid argument|Invalid Duration|Invalid DateTime)/i.test(message);
  return new ConnectorError(
    `Date and time: ${message}`,
    { kind: luxon ? 'invalid_input' : 'unknown', vendorMessage: message, actionKey, cause: error },
    luxon ? 'Check the units and values in the input; the message says which one Luxon refused.' : undefined,
  );
}
