import { Auth } from '@mova/sdk';
import { withSheets } from './client.js';
import { connectionFields } from './connection.js';
import { sheetsErrors } from './errors.js';

// The Sheets API has no "who am I" call. Asking for a spreadsheet that cannot exist costs one
// request: 404 proves the token was issued and accepted, 401/403 that it was not.
const PROBE_ID = 'mova-connection-check';

export const auth = Auth.custom({
  fields: connectionFields,
  validate: async (connection) => {
    const ctx = { actionKey: 'validate', signal: AbortSignal.timeout(60_000) };
    try {
      await withSheets(connection, ctx, (api, options) =>
        api.spreadsheets.get({ spreadsheetId: PROBE_ID, fields: 'spreadsheetId' }, options),
      );
    } catch (error) {
      if (sheetsErrors.from(error)?.kind === 'not_found') return;
      throw error;
    }
  },
});
