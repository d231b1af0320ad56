import { ConnectorError, errorMapping } from '@mova/sdk';

/** The step's input or the connection's keys do not fit the operation. */
export function invalidInput(message: string, actionKey: string | undefined, hint?: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint);
}

/** A key the operation needs is not in the connection. */
export function missingKey(field: string, purpose: string, actionKey: string | undefined): ConnectorError {
  return new ConnectorError(
    `the connection has no ${field} for ${purpose}`,
    { kind: 'auth', actionKey },
    `Add ${field} to the crypto connection (keys are connection fields, never step inputs).`,
  );
}

/**
 * jose and node:crypto refuse malformed tokens, keys and ciphertexts with coded errors (`ERR_JWS_*`,
 * `ERR_JWT_*`, `ERR_JOSE_*`, `ERR_OSSL_*`, `ERR_CRYPTO_*`) or, for a key of the wrong type, a
 * TypeError naming the key: all come from the input or the connection, so `invalid_input`.
 */
const cryptoErrors = errorMapping({
  vendor: 'Crypto',
  read: (error) => {
    if (!(error instanceof Error) || error instanceof ConnectorError) return undefined;
    const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
    const known =
      /^ERR_(JWS|JWT|JWK|JWE|JOSE|OSSL|CRYPTO|INVALID_ARG)/.test(code) ||
      (error instanceof TypeError && /key|KeyObject|PKCS|SPKI|algorithm/i.test(error.message));
    if (!known) return undefined;
    return {
      kind: 'invalid_input',
      vendorMessage: error.message,
      hint: 'Check the token, key or data given; the message says what was refused.',
      cause: error,
    };
  },
});

/** The ConnectorError for what jose or node:crypto threw (anything unrecognised is `unknown`). */
export function toConnectorError(error: unknown, actionKey?: string): ConnectorError {
  return cryptoErrors.toConnectorError(error, actionKey);
}
