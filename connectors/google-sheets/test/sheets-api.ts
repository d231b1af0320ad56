import { type KeyObject, randomBytes } from 'node:crypto';
import {
  type GoogleReferenceApi,
  type ReferenceReply,
  type ReferenceRequest,
  ReplyError,
  startGoogleReferenceApi,
} from '@mova/sdk/testing';

/**
 * A loopback Google Sheets API v4 (Google publishes no Sheets emulator), keeping spreadsheets in
 * memory and answering with the shapes of the reference at developers.google.com/sheets/api/reference/rest/v4:
 * - spreadsheets.get, spreadsheets.create, spreadsheets.batchUpdate (addSheet, deleteDimension)
 *   (…/rest/v4/spreadsheets/get, /create, /batchUpdate; "Request" for AddSheetRequest,
 *   DeleteDimensionRequest; "Response" for AddSheetResponse)
 * - spreadsheets.values.get, .batchGet, .append, .update, .batchUpdate, .clear
 *   (…/rest/v4/spreadsheets.values/*; ValueRange, UpdateValuesResponse, AppendValuesResponse)
 * - ranges in A1 notation ("A1 notation", developers.google.com/sheets/api/guides/concepts#cell):
 *   a malformed range or an unknown sheet is answered 400 "Unable to parse range".
 * - errors as "Handle errors" shows them (AIP-193 bodies: code, message, status); every request
 *   needs a Bearer token the token endpoint (googleTokenIssuer from @mova/sdk/testing) issued with the spreadsheets scope.
 * Requests missing required parameters (valueInputOption) are refused 400, as the API does.
 */
export type Cell = string | number | boolean;

export interface Sheet {
  sheetId: number;
  title: string;
  index: number;
  rowCount: number;
  columnCount: number;
  hidden: boolean;
  /** Stored cell values by row then column; missing cells are empty. */
  cells: Cell[][];
}

export interface Spreadsheet {
  spreadsheetId: string;
  title: string;
  locale: string;
  timeZone: string;
  sheets: Sheet[];
}

export interface SheetsReference extends GoogleReferenceApi {
  spreadsheets: Map<string, Spreadsheet>;
  addSpreadsheet(title: string, sheets: Record<string, Cell[][]>, id?: string): Spreadsheet;
  /** What a sheet shows, trailing blanks trimmed, as FORMATTED_VALUE strings. */
  shown(spreadsheetId: string, sheet: string): string[][];
  /** Forgets every spreadsheet. */
  reset(): void;
}

const SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

export async function startSheetsApi(options: { clientEmail: string; publicKey: KeyObject }): Promise<SheetsReference> {
  const spreadsheets = new Map<string, Spreadsheet>();
  let nextSheetId = 1;

  const server = await startGoogleReferenceApi({
    account: options,
    scope: SCOPE,
    refuse: {
      unauthenticated: error(
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      ),
      forbidden: error(
        403,
        'PERMISSION_DENIED',
        'Request had insufficient authentication scopes.',
        'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
      ),
    },
  });

  const newSheet = (title: string, index: number, rowCount = 1000, columnCount = 26): Sheet => ({
    sheetId: nextSheetId++ * 1000 + 7,
    title,
    index,
    rowCount,
    columnCount,
    hidden: false,
    cells: [],
  });

  const addSpreadsheet = (title: string, sheets: Record<string, Cell[][]>, id?: string): Spreadsheet => {
    const spreadsheet: Spreadsheet = {
      spreadsheetId: id ?? randomBytes(22).toString('base64url'),
      title,
      locale: 'en_US',
      timeZone: 'Etc/GMT',
      sheets: Object.entries(sheets).map(([name, cells], index) => ({ ...newSheet(name, index), cells })),
    };
    spreadsheets.set(spreadsheet.spreadsheetId, spreadsheet);
    return spreadsheet;
  };

  const find = (request: ReferenceRequest): Spreadsheet => {
    const spreadsheet = spreadsheets.get(request.params.id ?? '');
    if (!spreadsheet) throw new ReplyError(error(404, 'NOT_FOUND', 'Requested entity was not found.'));
    return spreadsheet;
  };

  const routes: [string, string, (request: ReferenceRequest) => ReferenceReply][] = [
    ['POST', '/v4/spreadsheets', (request) => create(request)],
    ['GET', '/v4/spreadsheets/:id', (request) => ({ body: resource(find(request)) })],
    ['POST', '/v4/spreadsheets/:idAction', (request) => batchUpdate(request)],
    ['GET', '/v4/spreadsheets/:id/values:batchGet', (request) => batchGet(request)],
    ['POST', '/v4/spreadsheets/:id/values:batchUpdate', (request) => valuesBatchUpdate(request)],
    ['GET', '/v4/spreadsheets/:id/values/:range', (request) => valuesGet(request)],
    ['PUT', '/v4/spreadsheets/:id/values/:range', (request) => valuesUpdate(request)],
    ['POST', '/v4/spreadsheets/:id/values/:rangeAction', (request) => valuesAction(request)],
  ];
  for (const [method, pattern, answer] of routes) server.route(method, pattern, answer);

  function create(request: ReferenceRequest): ReferenceReply {
    const body = request.body as {
      properties?: { title?: string; locale?: string; timeZone?: string };
      sheets?: { properties?: { title?: string } }[];
    };
    const titles = body.sheets?.map((sheet, i) => sheet.properties?.title ?? `Sheet${i + 1}`) ?? ['Sheet1'];
    const spreadsheet = addSpreadsheet(
      body.properties?.title ?? 'Untitled spreadsheet',
      Object.fromEntries(titles.map((t) => [t, []])),
    );
    if (body.properties?.locale) spreadsheet.locale = body.properties.locale;
    if (body.properties?.timeZone) spreadsheet.timeZone = body.properties.timeZone;
    return { body: resource(spreadsheet) };
  }

  function batchUpdate(request: ReferenceRequest): ReferenceReply {
    const [id, action] = (request.params.idAction ?? '').split(':');
    if (action !== 'batchUpdate') return error(404, 'NOT_FOUND', `Method not found: ${action}`);
    request.params.id = id ?? '';
    const spreadsheet = find(request);
    const body = request.body as { requests?: Record<string, Record<string, unknown>>[] };
    if (!Array.isArray(body?.requests) || body.requests.length === 0) {
      return error(400, 'INVALID_ARGUMENT', 'Must specify at least one request.');
    }
    const replies = body.requests.map((entry, i) => {
      if (entry.addSheet) {
        const properties = entry.addSheet.properties as {
          title?: string;
          index?: number;
          gridProperties?: { rowCount?: number; columnCount?: number };
        };
        const title = properties?.title ?? `Sheet${spreadsheet.sheets.length + 1}`;
        if (spreadsheet.sheets.some((sheet) => sheet.title.toLowerCase() === title.toLowerCase())) {
          throw new ReplyError(
            error(
              400,
              'INVALID_ARGUMENT',
              `Invalid requests[${i}].addSheet: A sheet with the name "${title}" already exists. Please enter another name.`,
            ),
          );
        }
        const sheet = newSheet(
          title,
          properties.index ?? spreadsheet.sheets.length,
          properties.gridProperties?.rowCount,
          properties.gridProperties?.columnCount,
        );
        spreadsheet.sheets.splice(sheet.index, 0, sheet);
        spreadsheet.sheets.forEach((s, index) => {
          s.index = index;
        });
        return { addSheet: { properties: sheetProperties(sheet) } };
      }
      if (entry.deleteDimension) {
        const range = entry.deleteDimension.range as {
          sheetId?: number;
          dimension?: string;
          startIndex?: number;
          endIndex?: number;
        };
        const sheet = spreadsheet.sheets.find((s) => s.sheetId === range.sheetId);
        if (!sheet)
          throw new ReplyError(
            error(400, 'INVALID_ARGUMENT', `Invalid requests[${i}].deleteDimension: No grid with id: ${range.sheetId}`),
          );
        if (
          range.dimension !== 'ROWS' ||
          range.startIndex === undefined ||
          range.endIndex === undefined ||
          range.endIndex <= range.startIndex
        ) {
          throw new ReplyError(error(400, 'INVALID_ARGUMENT', `Invalid requests[${i}].deleteDimension: invalid range`));
        }
        sheet.cells.splice(range.startIndex, range.endIndex - range.startIndex);
        sheet.rowCount -= range.endIndex - range.startIndex;
        return {};
      }
      throw new ReplyError(
        error(400, 'INVALID_ARGUMENT', `Invalid requests[${i}]: request kind not served by this reference`),
      );
    });
    return { body: { spreadsheetId: spreadsheet.spreadsheetId, replies } };
  }

  function valuesGet(request: ReferenceRequest): ReferenceReply {
    const spreadsheet = find(request);
    return { body: read(spreadsheet, request.params.range ?? '', request.query) };
  }

  function batchGet(request: ReferenceRequest): ReferenceReply {
    const spreadsheet = find(request);
    const ranges = request.query.getAll('ranges');
    return {
      body: {
        spreadsheetId: spreadsheet.spreadsheetId,
        valueRanges: ranges.map((range) => read(spreadsheet, range, request.query)),
      },
    };
  }

  function valuesUpdate(request: ReferenceRequest): ReferenceReply {
    const spreadsheet = find(request);
    const input = requireValueInput(request.query.get('valueInputOption'));
    const body = request.body as { values?: unknown[][] };
    return { body: write(spreadsheet, request.params.range ?? '', body?.values ?? [], input) };
  }

  function valuesBatchUpdate(request: ReferenceRequest): ReferenceReply {
    const spreadsheet = find(request);
    const body = request.body as { valueInputOption?: string; data?: { range: string; values?: unknown[][] }[] };
    const input = requireValueInput(body?.valueInputOption);
    const responses = (body.data ?? []).map((range) => write(spreadsheet, range.range, range.values ?? [], input));
    const total = (key: 'updatedRows' | 'updatedColumns' | 'updatedCells') =>
      responses.reduce((sum, r) => sum + r[key], 0);
    return {
      body: {
        spreadsheetId: spreadsheet.spreadsheetId,
        totalUpdatedRows: total('updatedRows'),
        totalUpdatedColumns: total('updatedColumns'),
        totalUpdatedCells: total('updatedCells'),
        totalUpdatedSheets: new Set(responses.map((r) => r.updatedRange.split('!')[0])).size,
        responses,
      },
    };
  }

  function valuesAction(request: ReferenceRequest): ReferenceReply {
    const spreadsheet = find(request);
    const whole = request.params.rangeAction ?? '';
    const at = whole.lastIndexOf(':');
    const [rangeText, action] = [whole.slice(0, at), whole.slice(at + 1)];
    if (action === 'clear') {
      const { sheet, box } = resolve(spreadsheet, rangeText);
      for (let r = box.top; r <= Math.min(box.bottom, sheet.cells.length - 1); r++) {
        const row = sheet.cells[r] ?? [];
        for (let c = box.left; c <= Math.min(box.right, row.length - 1); c++) row[c] = '';
      }
      return { body: { spreadsheetId: spreadsheet.spreadsheetId, clearedRange: a1(sheet, box) } };
    }
    if (action === 'append') {
      const input = requireValueInput(request.query.get('valueInputOption'));
      const { sheet, box } = resolve(spreadsheet, rangeText);
      const values = (request.body as { values?: unknown[][] })?.values;
      if (!Array.isArray(values) || values.length === 0)
        return error(400, 'INVALID_ARGUMENT', 'Invalid values: no rows to append');
      // Table detection, simplified: the table runs from the range's first row to the last row with a value.
      let last = box.top - 1;
      sheet.cells.forEach((row, r) => {
        if (r >= box.top && row.some((cell) => cell !== '')) last = r;
      });
      const tableRange = last >= box.top ? a1(sheet, { ...box, bottom: last, right: width(sheet) - 1 }) : undefined;
      if (request.query.get('insertDataOption') === 'INSERT_ROWS') {
        sheet.cells.splice(last + 1, 0, ...values.map(() => []));
        sheet.rowCount += values.length;
      }
      const updates = write(
        spreadsheet,
        a1(sheet, { top: last + 1, left: box.left, bottom: last + 1, right: box.left }),
        values,
        input,
      );
      return { body: { spreadsheetId: spreadsheet.spreadsheetId, ...(tableRange ? { tableRange } : {}), updates } };
    }
    return error(404, 'NOT_FOUND', `Method not found: ${action}`);
  }

  function read(spreadsheet: Spreadsheet, rangeText: string, query: URLSearchParams) {
    const { sheet, box } = resolve(spreadsheet, rangeText);
    const render = query.get('valueRenderOption') ?? 'FORMATTED_VALUE';
    const rows: unknown[][] = [];
    for (let r = box.top; r <= Math.min(box.bottom, sheet.cells.length - 1); r++) {
      const row = sheet.cells[r] ?? [];
      const cells: unknown[] = [];
      for (let c = box.left; c <= Math.min(box.right, row.length - 1); c++) cells.push(rendered(row[c] ?? '', render));
      while (cells.length > 0 && cells.at(-1) === '') cells.pop();
      rows.push(cells);
    }
    while (rows.length > 0 && rows.at(-1)?.length === 0) rows.pop();
    return { range: a1(sheet, box), majorDimension: 'ROWS', ...(rows.length > 0 ? { values: rows } : {}) };
  }

  function write(spreadsheet: Spreadsheet, rangeText: string, values: unknown[][], input: string) {
    const { sheet, box } = resolve(spreadsheet, rangeText);
    let cellsWritten = 0;
    let columns = 0;
    values.forEach((row, i) => {
      if (!Array.isArray(row))
        throw new ReplyError(error(400, 'INVALID_ARGUMENT', 'Invalid values: a row is not a list'));
      const r = box.top + i;
      sheet.cells[r] ??= [];
      const target = sheet.cells[r] as Cell[];
      row.forEach((value, j) => {
        const c = box.left + j;
        if (value === null) return; // "Null values will be skipped."
        for (let k = target.length; k < c; k++) target[k] = '';
        target[c] = entered(value, input);
        cellsWritten++;
      });
      columns = Math.max(columns, row.length);
    });
    for (let r = 0; r < sheet.cells.length; r++) sheet.cells[r] ??= [];
    sheet.rowCount = Math.max(sheet.rowCount, sheet.cells.length);
    return {
      spreadsheetId: spreadsheet.spreadsheetId,
      updatedRange: a1(sheet, {
        top: box.top,
        left: box.left,
        bottom: box.top + values.length - 1,
        right: box.left + columns - 1,
      }),
      updatedRows: values.length,
      updatedColumns: columns,
      updatedCells: cellsWritten,
    };
  }

  return Object.assign(server, {
    spreadsheets,
    addSpreadsheet,
    reset: () => spreadsheets.clear(),
    shown(spreadsheetId: string, title: string) {
      const sheet = spreadsheets.get(spreadsheetId)?.sheets.find((s) => s.title === title);
      return (sheet?.cells ?? []).map((row) => {
        const cells = row.map((cell) => rendered(cell, 'FORMATTED_VALUE') as string);
        while (cells.length > 0 && cells.at(-1) === '') cells.pop();
        return cells;
      });
    },
  });
}

function error(code: number, status: string, message: string, reason?: string): ReferenceReply {
  return {
    status: code,
    body: {
      error: {
        code,
        message,
        status,
        ...(reason
          ? { details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'googleapis.com' }] }
          : {}),
      },
    },
  };
}

function requireValueInput(value: string | null | undefined): string {
  if (value !== 'RAW' && value !== 'USER_ENTERED') {
    throw new ReplyError(error(400, 'INVALID_ARGUMENT', "Invalid valueInputOption: 'INPUT_VALUE_OPTION_UNSPECIFIED'"));
  }
  return value;
}

/** USER_ENTERED parses numbers and booleans as typing them would; RAW stores what was sent. */
function entered(value: unknown, input: string): Cell {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = String(value);
  if (input === 'RAW') return text;
  if (/^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text);
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  return text;
}

function rendered(cell: Cell, render: string): Cell {
  if (render === 'FORMATTED_VALUE') return typeof cell === 'boolean' ? String(cell).toUpperCase() : String(cell);
  return cell;
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function width(sheet: Sheet): number {
  return Math.max(sheet.columnCount, ...sheet.cells.map((row) => row.length));
}

/** Parses `'Sheet'!A1:B2`, `Sheet!2:5`, `Sheet!A:C`, `Sheet!A2:Z` or `Sheet` into 0-based bounds. */
function resolve(spreadsheet: Spreadsheet, text: string): { sheet: Sheet; box: Box } {
  const unparsable = () => new ReplyError(error(400, 'INVALID_ARGUMENT', `Unable to parse range: ${text}`));
  const match = /^(?:'((?:[^']|'')+)'|([^'!]+))(?:!(.+))?$/.exec(text);
  if (!match) throw unparsable();
  const title = match[1] !== undefined ? match[1].replaceAll("''", "'") : (match[2] ?? '');
  const sheet = spreadsheet.sheets.find((s) => s.title === title);
  if (!sheet) throw unparsable();
  const rows = Math.max(sheet.rowCount, sheet.cells.length);
  const full: Box = { top: 0, left: 0, bottom: rows - 1, right: width(sheet) - 1 };
  if (match[3] === undefined) return { sheet, box: full };
  const parts = match[3].split(':');
  const refs = parts.map((part) => /^([A-Z]*)(\d*)$/.exec(part));
  if (parts.length > 2 || refs.some((ref) => !ref || (ref[1] === '' && ref[2] === ''))) throw unparsable();
  const start = refs[0] as RegExpExecArray;
  const end = (refs[1] ?? start) as RegExpExecArray;
  const column = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const box: Box = {
    top: start[2] ? Number(start[2]) - 1 : 0,
    left: start[1] ? column(start[1]) : 0,
    bottom: end[2] ? Number(end[2]) - 1 : parts.length === 1 && start[2] ? Number(start[2]) - 1 : full.bottom,
    right: end[1] ? column(end[1]) : parts.length === 1 && start[1] ? column(start[1]) : full.right,
  };
  if (box.top < 0 || box.bottom < box.top || box.right < box.left) throw unparsable();
  return { sheet, box };
}

function letters(index: number): string {
  let text = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
  return text;
}

/** The range as the API spells it in answers: the name quoted only when it must be. */
function a1(sheet: Sheet, box: Box): string {
  const name = /^[A-Za-z0-9_]+$/.test(sheet.title) ? sheet.title : `'${sheet.title.replaceAll("'", "''")}'`;
  const start = `${letters(box.left)}${box.top + 1}`;
  const end = `${letters(box.right)}${box.bottom + 1}`;
  return start === end ? `${name}!${start}` : `${name}!${start}:${end}`;
}

function sheetProperties(sheet: Sheet) {
  return {
    sheetId: sheet.sheetId,
    title: sheet.title,
    index: sheet.index,
    sheetType: 'GRID',
    gridProperties: { rowCount: sheet.rowCount, columnCount: sheet.columnCount },
    ...(sheet.hidden ? { hidden: true } : {}),
  };
}

function resource(spreadsheet: Spreadsheet) {
  return {
    spreadsheetId: spreadsheet.spreadsheetId,
    properties: {
      title: spreadsheet.title,
      locale: spreadsheet.locale,
      timeZone: spreadsheet.timeZone,
      autoRecalc: 'ON_CHANGE',
    },
    sheets: spreadsheet.sheets.map((sheet) => ({ properties: sheetProperties(sheet) })),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${spreadsheet.spreadsheetId}/edit`,
  };
}
