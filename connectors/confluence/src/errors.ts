import { type ConnectorError, errorMapping, httpResponseOf, type VendorFailure } from '@mova/sdk';

/**
 * Confluence's own words from an error body. REST v2 answers `{ errors: [{ status, code, title,
 * detail }] }`; v1 (search, attachment upload) answers `{ statusCode, message, data: { errors } }`.
 */
export function confluenceFailure(body: unknown): { code?: string; message?: string } {
  if (typeof body !== 'object' || body === null) return {};
  if ('errors' in body && Array.isArray(body.errors) && body.errors.length > 0) {
    const first: unknown = body.errors[0];
    if (typeof first === 'object' && first !== null) {
      const code = 'code' in first && typeof first.code === 'string' ? first.code : undefined;
      const title = 'title' in first && typeof first.title === 'string' ? first.title : undefined;
      const detail = 'detail' in first && typeof first.detail === 'string' ? first.detail : undefined;
      const message = [title, detail].filter(Boolean).join(': ') || undefined;
      return { code, message };
    }
  }
  if ('message' in body && typeof body.message === 'string') return { message: body.message };
  return {};
}

function refine(error: ConnectorError): VendorFailure | undefined {
  const response = httpResponseOf(error);
  if (!response) return undefined;
  const { code, message } = confluenceFailure(response.data);
  if (!code && !message) return undefined;
  return {
    status: response.status,
    code,
    vendorMessage: message ?? error.vendorMessage,
    retryAfter: error.retryAfter,
    cause: error,
  };
}

export const confluenceErrors = errorMapping({
  vendor: 'Confluence',
  refine,
  // Confluence answers a stale version number on page update with 409.
  statuses: { 409: 'conflict' },
  hints: {
    statuses: {
      401: 'Check the email and API token of the connection.',
      403: 'The account lacks the space permission this needs (view, add pages, add attachments).',
      404: 'Check the page or space id, and that the account can view it (Confluence answers 404 for content it hides).',
      409: 'The page changed since its version was read: read it again, or leave version out to use the next one.',
    },
  },
});
