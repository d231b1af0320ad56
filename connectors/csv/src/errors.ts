import { ConnectorError, errorMapping } from '@mova/sdk';

/**
 * csv-parse and csv-stringify report malformed input with a `CSV_*` code and the line it was on
 * (`CSV_QUOTE_NOT_CLOSED`, `CSV_RECORD_INCONSISTENT_COLUMNS`, ...). Each is the input's fault, so
 * every one becomes `invalid_input`, keeping the library's code and message.
 */
const csvErrors = errorMapping({
  vendor: 'CSV',
  read: (error) => {
    const code = csvCode(error);
    if (!code) return undefined;
    return {
      code,
      kind: 'invalid_input',
      vendorMessage: error instanceof Error ? error.message : String(error),
      hint: hintFor(code),
      cause: error,
    };
  },
});

/** The ConnectorError for what the CSV libraries threw (anything unrecognised is `unknown`). */
export function toConnectorError(error: unknown, actionKey?: string): ConnectorError {
  return csvErrors.toConnectorError(error, actionKey);
}

function csvCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = String(error.code);
  return code.startsWith('CSV_') ? code : undefined;
}

function hintFor(code: string): string {
  if (code === 'CSV_RECORD_INCONSISTENT_COLUMNS' || code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
    return 'A row has a different number of fields than the header: check the delimiter, or set relaxColumnCount to accept ragged rows.';
  }
  if (code === 'CSV_QUOTE_NOT_CLOSED' || code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'CSV_INVALID_OPENING_QUOTE') {
    return 'A quoted field is not closed or a quote sits inside an unquoted field: check the quote character (set quote to "" to read quotes as text).';
  }
  if (code === 'CSV_MAX_RECORD_SIZE') {
    return 'One row is longer than 128 000 characters, which usually means the delimiter or the quote is wrong.';
  }
  if (code.startsWith('CSV_INVALID_OPTION')) return 'One of the options is not valid; its message says which.';
  return 'The text is not valid CSV for these options; the message says on which line.';
}

/** A step's own input is wrong, before any CSV is read. */
export function invalidInput(message: string, actionKey: string | undefined, hint?: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint);
}
