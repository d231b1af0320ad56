import { errorMapping, type VendorFailure } from '@mova/sdk';

/**
 * docker-modem's failures: an Error with `statusCode`, `reason` and the daemon's JSON body
 * `{ "message": "No such container: web" }` (Engine API: "Errors"). Registry rate limits surface in
 * a pull's message as `toomanyrequests`.
 */
function read(error: unknown): VendorFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  // The daemon's TLS alerts: it wants a client certificate, or does not trust the one given.
  if (
    /^ERR_SSL_.*ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|HANDSHAKE_FAILURE)/.test(
      code,
    )
  ) {
    return {
      kind: 'auth',
      code,
      message: `the Docker daemon refused the TLS client (${code})`,
      hint: 'The daemon runs with --tlsverify: give cert and key of a client certificate signed by its --tlscacert.',
      vendorMessage: error.message,
      cause: error,
    };
  }
  const statusCode = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : undefined;
  const json = 'json' in error ? error.json : undefined;
  const daemonMessage =
    typeof json === 'object' && json !== null && 'message' in json && typeof json.message === 'string'
      ? json.message
      : typeof json === 'string' && json.trim()
        ? json.trim()
        : undefined;
  if (statusCode === undefined && !('pullError' in error)) return undefined;
  const message = daemonMessage ?? error.message;
  return {
    status: statusCode,
    code: /toomanyrequests/i.test(message)
      ? 'toomanyrequests'
      : /pull access denied|unauthorized/i.test(message)
        ? 'denied'
        : undefined,
    vendorMessage: message,
    cause: error,
  };
}

export const dockerErrors = errorMapping({
  vendor: 'Docker',
  read,
  codes: { toomanyrequests: 'rate_limit', denied: 'auth' },
  statuses: { 409: 'conflict' },
  hints: {
    codes: {
      toomanyrequests: "The registry's pull rate limit was reached; add registry credentials or wait.",
      denied: 'The image does not exist, or the registry wants credentials: set registryUsername and registryPassword.',
    },
    statuses: {
      404: 'Check the container name or ID (or the image name); docker ps -a lists them.',
      409: 'The container is in a state that refuses this (paused, stopped, or in use).',
    },
    kinds: {
      auth: "The daemon refused the TLS handshake or its certificate: check ca, cert and key against the daemon's --tlscacert, --tlscert and --tlskey.",
    },
  },
});
