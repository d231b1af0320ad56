import { googleErrorMapping } from '@mova/sdk/google';

/**
 * The Sheets API's failures as ConnectorErrors ("Sheets API: Handle errors" and AIP-193 error
 * bodies): reasons such as RATE_LIMIT_EXCEEDED first, then the status, with hints in Sheets' terms.
 */
export const sheetsErrors = googleErrorMapping({
  vendor: 'Google Sheets',
  hints: {
    400: 'Sheets refused the request: check the sheet name and the A1 range (e.g. Sheet1!A2:D).',
    403: 'Share the spreadsheet with the connected account (for a service account, its client_email) as an editor.',
    404: 'Check the spreadsheet id: it is the part of the URL between /d/ and /edit.',
  },
});
