import type { VendorFailure } from '../../error-mapping.js';

/** Socket failure codes after which a later try can reach the broker. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

// Node's TLS verification codes: the broker's certificate chain is not one the connection trusts.
const TLS_CODES =
  /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID|CERT_)/;

// Broker clients wrap what happened (a request error around a connection error around the socket's).
const CAUSE_DEPTH = 5;

/**
 * The first string `code` on an error or down its `cause` chain that passes `test`.
 * @example
 * findErrorCode(new Error('request failed', { cause: socketError }), (code) => code === 'ECONNREFUSED')
 */
export function findErrorCode(error: unknown, test: (code: string) => boolean): string | undefined {
  for (let at: unknown = error, depth = 0; at && depth < CAUSE_DEPTH; depth++) {
    const code = typeof at === 'object' && 'code' in at ? at.code : undefined;
    if (typeof code === 'string' && test(code)) return code;
    at = at instanceof Error ? at.cause : undefined;
  }
  return undefined;
}

/** Whether a broker client failed because the socket did (refused, reset, timed out, unresolved): worth a retry. */
export function isBrokerUnreachable(error: unknown): boolean {
  return findErrorCode(error, (code) => NETWORK_CODES.has(code)) !== undefined;
}

/**
 * A broker whose TLS certificate the connection does not trust, as an `auth` failure saying to put
 * its CA in the connection's `ca` field; `undefined` for any other failure. `peer` names the
 * other end as the protocol does ("broker", "server").
 * @example
 * const untrusted = untrustedCertificate('MQTT', 'broker', error);
 * if (untrusted) return untrusted;
 */
export function untrustedCertificate(vendor: string, peer: string, error: unknown): VendorFailure | undefined {
  if (!findErrorCode(error, (code) => TLS_CODES.test(code))) return undefined;
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: 'auth',
    message: `${vendor}: the ${peer}'s TLS certificate is not trusted (${message})`,
    vendorMessage: message,
    hint: `Put the PEM certificate of the authority that signed it (or the ${peer}'s self-signed one) in the connection's \`ca\`.`,
    cause: error,
  };
}
