import { type TString, Type } from '@sinclair/typebox';

/**
 * An https URL, or plain http on a loopback address only (a local proxy, emulator or test server),
 * so a credential never crosses a network in clear.
 */
export const SERVICE_URL_PATTERN =
  '^(https://[A-Za-z0-9.-]+(:[0-9]{1,5})?|http://(localhost|127(\\.[0-9]{1,3}){3}|\\[::1\\])(:[0-9]{1,5})?)(/[^\\s?#]*)?$';

/**
 * A connection field naming where a service's API lives: a self-hosted instance, a region, a
 * sovereign cloud or a local emulator. List the field in `network.connectionHosts` so the sandbox
 * lets the connector reach the host it names, and nothing else.
 *
 * @example
 * const fields = Type.Object({
 *   apiUrl: Type.Optional(serviceUrl({ description: 'API root', default: 'https://api.example.com/v1' })),
 * });
 */
export function serviceUrl(options: { description: string; default?: string }): TString {
  return Type.String({
    pattern: SERVICE_URL_PATTERN,
    description: options.description,
    ...(options.default === undefined ? {} : { default: options.default }),
  });
}

const PATTERN = new RegExp(SERVICE_URL_PATTERN);

/**
 * The URL a connection gives, or the service's default, without a trailing slash; refuses a value
 * that is neither https nor loopback http (a connection file is not always checked against its schema).
 */
export function serviceUrlOf(given: string | undefined, fallback: string): string {
  const url = given ?? fallback;
  if (!PATTERN.test(url)) {
    throw new TypeError(
      `"${url}" is not an https URL (plain http is accepted only for localhost and 127.x.x.x addresses)`,
    );
  }
  return url.replace(/\/+$/, '');
}
