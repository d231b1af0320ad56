import type { Static } from '@mova/sdk';
import { googleConnectionFields } from '@mova/sdk/google';

export const SHEETS_API_ROOT = 'https://sheets.googleapis.com';

/** A service account key (optionally acting as a Workspace user) or a Google user's OAuth tokens. */
export const connectionFields = googleConnectionFields({
  api: { name: 'Sheets API', default: SHEETS_API_ROOT },
});

export type SheetsConnection = Static<typeof connectionFields>;
