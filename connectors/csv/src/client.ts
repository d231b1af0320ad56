import { bytesOf } from '@mova/sdk/content';
import { type Options as ParseOptions, parse } from 'csv-parse/sync';
import { type Options as StringifyOptions, stringify } from 'csv-stringify/sync';
import { type CastOptions, type Cell, castCell } from './cast.js';
import { invalidInput, toConnectorError } from './errors.js';

/** Where the CSV comes from: `text`, or `contentBase64` holding a file's bytes in `encoding`. */
export interface CsvSource {
  text?: string;
  contentBase64?: string;
  encoding?: 'utf8' | 'latin1' | 'utf16le';
}

/** The CSV text of a source; a byte order mark is left in place for the parser to drop. */
export function readSource(source: CsvSource, actionKey?: string): string {
  const given = [source.text, source.contentBase64].filter((value) => value !== undefined).length;
  if (given !== 1) {
    throw invalidInput(
      given === 0 ? 'give the CSV as `text` or as `contentBase64`' : 'give either `text` or `contentBase64`, not both',
      actionKey,
      'Put CSV text in `text`; a file read as bytes goes in `contentBase64` (base64), with its `encoding`.',
    );
  }
  if (source.text !== undefined) return source.text;
  // The content kit refuses malformed base64 instead of decoding whatever Node makes of it.
  return bytesOf(source.contentBase64 ?? '', 'base64', actionKey ?? 'csv').toString(source.encoding ?? 'utf8');
}

export const DETECTED_DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Guesses the delimiter: the candidate (`,` `;` tab `|`) that splits the first 50 rows into the
 * same number of fields, more than one, taking the most fields; `,` when none does.
 * @example detectDelimiter('a;b;c\n1;2;3\n') // ';'
 */
export function detectDelimiter(text: string, quote = '"'): string {
  let best: { delimiter: string; fields: number } | undefined;
  for (const delimiter of DETECTED_DELIMITERS) {
    let rows: string[][];
    try {
      rows = parse(text, {
        delimiter,
        quote: quote || false,
        relax_column_count: true,
        skip_empty_lines: true,
        to: 50,
        bom: true,
      });
    } catch {
      continue;
    }
    const counts = new Set(rows.map((row) => row.length));
    const [fields = 0] = counts;
    if (counts.size === 1 && fields > 1 && (!best || fields > best.fields)) best = { delimiter, fields };
  }
  return best?.delimiter ?? ',';
}

export interface ParseSettings extends CastOptions {
  delimiter: string;
  quote: string;
  escape?: string;
  /** The first row holds the column names. */
  header: boolean;
  /** Column names to use: replace the header row's, or name the columns of a file without one. */
  columns?: string[];
  trim: boolean;
  skipEmptyLines: boolean;
  relaxColumnCount: boolean;
  comment?: string;
  fromLine?: number;
  /** Stop after this many rows (the header not counted). */
  limit?: number;
}

export interface Parsed {
  rows: (Record<string, Cell> | Cell[])[];
  /** Column names, or null when rows are arrays. */
  columns: string[] | null;
  /** More rows followed the last one returned (`limit` reached). */
  truncated: boolean;
}

/** Parses CSV text into rows: objects keyed by column name when there are names, arrays otherwise. */
export function parseCsv(text: string, settings: ParseSettings, actionKey?: string): Parsed {
  let columns: string[] | null = null;
  const options: ParseOptions = {
    bom: true,
    delimiter: settings.delimiter,
    quote: settings.quote === '' ? false : settings.quote,
    trim: settings.trim,
    skip_empty_lines: settings.skipEmptyLines,
    relax_column_count: settings.relaxColumnCount,
    cast: (value, context) => (context.header ? value : castCell(value, context.quoting, settings)),
  };
  if (settings.escape !== undefined) options.escape = settings.escape === '' ? false : settings.escape;
  if (settings.comment !== undefined) options.comment = settings.comment;
  if (settings.fromLine !== undefined) options.from_line = settings.fromLine;
  // One row past the limit tells whether the text went on.
  if (settings.limit !== undefined) options.to = settings.limit + 1;
  if (settings.header) {
    // The first record is the header: its names, or replaced by the given ones.
    options.columns = (first: string[]) => {
      columns = checkNames(settings.columns ?? first, actionKey);
      return columns;
    };
  } else if (settings.columns !== undefined) {
    columns = checkNames(settings.columns, actionKey);
    options.columns = columns;
  }
  let rows: (Record<string, Cell> | Cell[])[];
  try {
    rows = parse(text, options);
  } catch (error) {
    throw toConnectorError(error, actionKey);
  }
  const truncated = settings.limit !== undefined && rows.length > settings.limit;
  if (truncated) rows = rows.slice(0, settings.limit);
  return { rows, columns, truncated };
}

function checkNames(names: string[], actionKey?: string): string[] {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw invalidInput(
        `the column name "${name}" appears twice, so one column would overwrite the other`,
        actionKey,
        'Name the columns yourself with `columns`, or set `header: false` to read rows as arrays.',
      );
    }
    seen.add(name);
  }
  return names;
}

export type LineEnding = 'lf' | 'crlf';

export interface BuildSettings {
  /** Keys of object rows to write, in order; empty for array rows, written as they are. */
  columns: string[];
  delimiter: string;
  quote: string;
  quoteAll: boolean;
  lineEnding: LineEnding;
  escapeFormulas: boolean;
}

/** Writes rows (objects by column key, or arrays in column order) as CSV text, without a header. */
export function buildCsv(rows: unknown[], settings: BuildSettings, actionKey?: string): string {
  const options: StringifyOptions = {
    delimiter: settings.delimiter,
    quote: settings.quote,
    quoted: settings.quoteAll,
    record_delimiter: settings.lineEnding === 'crlf' ? 'windows' : 'unix',
    escape_formulas: settings.escapeFormulas,
    // csv-stringify writes true as "1" and false as "" by default: keep the words.
    cast: { boolean: (value) => String(value), object: (value) => JSON.stringify(value) },
  };
  if (settings.columns.length > 0) options.columns = settings.columns;
  try {
    return stringify(rows, options);
  } catch (error) {
    throw toConnectorError(error, actionKey);
  }
}

/** Column keys in the order they first appear across object rows. */
export function keysOf(rows: unknown[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) {
    if (row !== null && typeof row === 'object' && !Array.isArray(row))
      for (const key of Object.keys(row)) keys.add(key);
  }
  return [...keys];
}

/** The line ending of the first line break in a text. */
export function lineEndingOf(text: string): 'lf' | 'crlf' | 'cr' | 'none' {
  const match = /\r\n|\n|\r/.exec(text);
  if (!match) return 'none';
  return match[0] === '\r\n' ? 'crlf' : match[0] === '\n' ? 'lf' : 'cr';
}
