import { createHash } from 'node:crypto';
import { sheets, type sheets_v4 } from '@googleapis/sheets';
import type { ActionContext } from '@mova/sdk';
import { serviceUrlOf } from '@mova/sdk';
import { authorize } from '@mova/sdk/google';
import { OAuth2Client } from 'google-auth-library';
import { SHEETS_API_ROOT, type SheetsConnection } from './connection.js';
import { sheetsErrors } from './errors.js';

/** Read and write spreadsheets; nothing wider (the Drive scopes are not needed). */
export const SHEETS_SCOPES = ['https://www.googleapis.com/auth/spreadsheets'];

// A warm worker serves many steps with one connection: reusing the client reuses its access token.
const clients = new Map<string, sheets_v4.Sheets>();
const MAX_CLIENTS = 16;

/** The Sheets v4 client for a connection, cached by a hash of its fields. */
export function sheetsApi(connection: SheetsConnection): sheets_v4.Sheets {
  const cacheKey = createHash('sha256').update(JSON.stringify(connection)).digest('hex');
  let api = clients.get(cacheKey);
  if (!api) {
    api = sheets({
      version: 'v4',
      auth: authorize(new OAuth2Client(), connection, SHEETS_SCOPES),
      rootUrl: `${serviceUrlOf(connection.apiUrl, SHEETS_API_ROOT)}/`,
      // The runtime retries by error kind; gaxios' own retries would hide a 429 from it.
      retry: false,
      timeout: 60_000,
    });
    if (clients.size >= MAX_CLIENTS) {
      const oldest = clients.keys().next().value;
      if (oldest !== undefined) clients.delete(oldest);
    }
    clients.set(cacheKey, api);
  }
  return api;
}

/** Runs Sheets calls for one step; failures leave as `sheetsErrors` maps them. */
export function withSheets<T>(
  connection: SheetsConnection,
  ctx: Pick<ActionContext, 'actionKey' | 'signal'>,
  use: (api: sheets_v4.Sheets, options: { signal: AbortSignal }) => Promise<T>,
): Promise<T> {
  return sheetsErrors.call(ctx.actionKey, () => use(sheetsApi(connection), { signal: ctx.signal }));
}
