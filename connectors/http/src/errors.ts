import { ConnectorError } from '@mova/sdk';

/**
 * Input this connector cannot act on (a URL outside the connection, a path that finds no list).
 * HTTP failures need no mapping here: the SDK's client already turns them into ConnectorErrors
 * with the status, the vendor's message and the kind.
 */
export function invalidInput(message: string, hint: string, actionKey: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint);
}
