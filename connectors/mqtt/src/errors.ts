import { type ConnectorError, type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';
import { isBrokerUnreachable, untrustedCertificate } from '@mova/sdk/messaging';

/**
 * MQTT 3.1.1 CONNACK return codes (1-5) and MQTT 5 reason codes (128 and up) that mqtt.js reports
 * on `error.code`. The two ranges do not overlap, so one table serves both versions.
 */
const REASON_KINDS: Record<string, ConnectorErrorKind> = {
  1: 'invalid_input', // unacceptable protocol version
  2: 'invalid_input', // identifier rejected
  3: 'transient', // server unavailable
  4: 'auth', // bad user name or password
  5: 'auth', // not authorized
  128: 'unknown', // unspecified error (also MQTT 3.1.1's SUBACK failure)
  129: 'invalid_input', // malformed packet
  130: 'invalid_input', // protocol error
  132: 'invalid_input', // unsupported protocol version
  133: 'invalid_input', // client identifier not valid
  134: 'auth', // bad user name or password
  135: 'auth', // not authorized
  136: 'transient', // server unavailable
  137: 'transient', // server busy
  138: 'auth', // banned
  139: 'transient', // server shutting down
  140: 'auth', // bad authentication method
  142: 'conflict', // session taken over by another client with the same id
  143: 'invalid_input', // topic filter invalid
  144: 'invalid_input', // topic name invalid
  145: 'transient', // packet identifier in use
  147: 'rate_limit', // receive maximum exceeded
  149: 'invalid_input', // packet too large
  150: 'rate_limit', // message rate too high
  151: 'rate_limit', // quota exceeded
  153: 'invalid_input', // payload format invalid
  154: 'invalid_input', // retain not supported
  155: 'invalid_input', // QoS not supported
  156: 'transient', // use another server
  157: 'transient', // server moved
  158: 'invalid_input', // shared subscriptions not supported
  159: 'rate_limit', // connection rate exceeded
  162: 'invalid_input', // wildcard subscriptions not supported
};

const HINTS: Partial<Record<ConnectorErrorKind, string>> = {
  auth: "Check the connection's user name, password or client certificate, and the broker's ACL for these topics.",
  transient: 'The broker could not be reached or is busy; check the host and port, then retry.',
  conflict: 'Another client connected with the same client id; give each connection its own `clientId`.',
};

/**
 * mqtt.js failures through the SDK's error mapping: a numeric `code` is an MQTT reason code, looked
 * up in the reason table; a refused TLS certificate says how to trust the broker; socket failures
 * and mqtt.js' own words are read by `kindOf`.
 */
const mqttErrors = errorMapping({
  vendor: 'MQTT',
  codes: REASON_KINDS,
  hints: { kinds: HINTS },
  read: readFailure,
});

/** Classifies an mqtt.js failure: reason codes by the MQTT tables, socket failures as transient. */
export function toConnectorError(error: unknown, actionKey?: string): ConnectorError {
  return mqttErrors.toConnectorError(error, actionKey);
}

function readFailure(error: unknown): VendorFailure {
  const message = error instanceof Error ? error.message : String(error);
  const untrusted = untrustedCertificate('MQTT', 'broker', error);
  if (untrusted) return untrusted;
  const code = codeOf(error);
  if (typeof code === 'number') {
    const reason = code > 0 ? ` (reason code ${code})` : '';
    return { code, message: `MQTT: ${message}${reason}`, vendorMessage: message, cause: error };
  }
  return { kind: kindOf(error, message), message: `MQTT: ${message}`, vendorMessage: message, cause: error };
}

function kindOf(error: unknown, message: string): ConnectorErrorKind {
  if (isBrokerUnreachable(error)) return 'transient';
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return 'transient';
  if (message.startsWith('Invalid topic')) return 'invalid_input';
  // mqtt.js' own words when the socket goes while a packet waits for its acknowledgement.
  if (/^(Connection closed|connack timeout|Keepalive timeout|the broker closed)/.test(message)) return 'transient';
  return 'unknown';
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}
