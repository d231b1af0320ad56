/**
 * SQLite runs only the first statement of a text and ignores the rest, so `DELETE ...; DROP ...`
 * would quietly do half of what it says. These read the text as SQLite's tokenizer does (strings,
 * quoted names and comments hide a `;`) to refuse a second statement before anything runs.
 */

type Token = { word: string } | { mark: string };

/** Whether `sql` holds anything after its first statement but blanks, comments and `;`. */
export function hasSecondStatement(sql: string): boolean {
  const tokens = tokenize(sql);
  const words = tokens.flatMap((t) => ('word' in t ? [t.word] : []));
  // A trigger's body holds statements of its own, each ending in `;`, up to its END.
  const trigger = words[0] === 'CREATE' && (words[1] === 'TRIGGER' || words[2] === 'TRIGGER');
  let end = -1;
  if (trigger) {
    end = tokens.findLastIndex((t) => 'word' in t && t.word === 'END');
  } else {
    end = tokens.findIndex((t) => 'mark' in t && t.mark === ';');
    if (end < 0) return false;
  }
  return tokens.slice(end + 1).some((t) => !('mark' in t && t.mark === ';'));
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql.charAt(i);
    if (/\s/.test(c)) i += 1;
    else if (sql.startsWith('--', i)) i = after(sql, '\n', i + 2);
    else if (sql.startsWith('/*', i)) i = after(sql, '*/', i + 2);
    else if (c === "'" || c === '"' || c === '`') {
      i = quotedEnd(sql, i, c);
      tokens.push({ mark: c });
    } else if (c === '[') {
      i = after(sql, ']', i + 1);
      tokens.push({ mark: c });
    } else {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i, i + 128))?.[0];
      if (word) {
        tokens.push({ word: word.toUpperCase() });
        i += word.length;
      } else {
        tokens.push({ mark: c });
        i += 1;
      }
    }
  }
  return tokens;
}

/** The index after the next `end` from `from`, or the text's end. */
function after(sql: string, end: string, from: number): number {
  const at = sql.indexOf(end, from);
  return at < 0 ? sql.length : at + end.length;
}

/** The index after a quoted string or name starting at `start`; a doubled quote stays inside. */
function quotedEnd(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql.charAt(i) === quote) {
      if (sql.charAt(i + 1) !== quote) return i + 1;
      i += 2;
    } else i += 1;
  }
  return sql.length;
}
