import { type ConnectorError, errorMapping, httpResponseOf, type VendorFailure } from '@mova/sdk';

/**
 * Jenkins answers most failures with an HTML page (Stapler's error page); its reason is in the
 * page's `<h2>` or in the `X-Error` header, for instance "No valid crumb was included in the request".
 */
export function jenkinsMessage(headers: Record<string, string>, body: unknown): string | undefined {
  if (headers['x-error']) return headers['x-error'];
  if (typeof body !== 'string') return undefined;
  const found = /<h2>([^<]+)<\/h2>/i.exec(body)?.[1] ?? /<title>([^<]+)<\/title>/i.exec(body)?.[1];
  return found?.trim() || undefined;
}

function refine(error: ConnectorError): VendorFailure | undefined {
  const response = httpResponseOf(error);
  if (!response) return undefined;
  const words = jenkinsMessage(response.headers, response.data);
  const crumb = /crumb/i.test(words ?? '');
  return {
    status: response.status,
    vendorMessage: words ?? error.vendorMessage,
    retryAfter: error.retryAfter,
    cause: error,
    // A crumb refusal is a 403 the next try (with a fresh crumb and session) can pass.
    ...(crumb ? { kind: 'transient' as const } : {}),
  };
}

export const jenkinsErrors = errorMapping({
  vendor: 'Jenkins',
  refine,
  hints: {
    statuses: {
      401: 'Check the username and API token of the connection.',
      403: 'The user lacks the Jenkins permission this needs (Overall/Read, Job/Read, Job/Build, Job/Cancel).',
      404: 'Check the job path (folder/sub-folder/job), the build number or the queue item; Jenkins also answers 404 for jobs the user cannot see.',
    },
  },
});
