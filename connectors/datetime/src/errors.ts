import { ConnectorError, errorMapping } from '@mova/sdk';

/** A date, zone, format or duration in the step's input that Luxon cannot read. */
export function invalidInput(message: string, actionKey: string | undefined, hint?: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint);
}

/**
 * Luxon reports most problems as invalid DateTimes (handled where they arise), but throws for a
 * few inputs, such as an unknown duration unit ("Invalid unit dayz"); those are the input's fault.
 */
const luxonErrors = errorMapping({
  vendor: 'Date and time',
  read: (error) =>
    error instanceof Error &&
    !(error instanceof ConnectorError) &&
    /^(Invalid unit|Invalid argument|Invalid Duration|Invalid DateTime)/i.test(error.message)
      ? {
          kind: 'invalid_input',
          vendorMessage: error.message,
          hint: 'Check the units and values in the input; the message says which one Luxon refused.',
          cause: error,
        }
      : undefined,
});

/** The ConnectorError for what Luxon threw (anything unrecognised is `unknown`). */
export function toConnectorError(error: unknown, actionKey?: string): ConnectorError {
  return luxonErrors.toConnectorError(error, actionKey);
}
