import { googleErrorMapping } from '@mova/sdk/google';

/**
 * The Drive API's failures as ConnectorErrors ("Resolve errors", developers.google.com/drive/api/guides/handle-errors):
 * 403 userRateLimitExceeded / rateLimitExceeded and 429 are rate limits, 403 insufficientPermissions
 * and other 403s are permissions, 404 notFound is a file the account cannot see.
 */
export const driveErrors = googleErrorMapping({
  vendor: 'Google Drive',
  hints: {
    403: 'The connected account may not do this to the file: share it with the account (for a service account, its client_email) with the needed role.',
    404: 'Check the file or folder id; the connected account must be able to see the file (files shared with a service account do not show up for anyone else).',
  },
  codes: {
    fileNotDownloadable: 'invalid_input',
    cannotDownloadAbusiveFile: 'invalid_input',
    storageQuotaExceeded: 'invalid_input',
  },
});
