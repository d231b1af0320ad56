/** A piece of a template: literal text, or the source of one `{{ }}` expression and where it starts. */
export type TemplatePart = { text: string } | { expression: string; offset: number };

export type ScanResult =
  | { ok: true; parts: TemplatePart[] }
  | { ok: false; message: string; hint: string; offset: number };

/**
 * Splits a string into literal text and `{{ }}` expressions. The end of an expression is the first
 * `}}` outside its own braces, strings and comments, so `{{ {"a": {"b": 1}} }}` is one expression.
 */
export function scanTemplate(text: string): ScanResult {
  const parts: TemplatePart[] = [];
  let from = 0;
  while (from < text.length) {
    const open = text.indexOf('{{', from);
    if (open < 0) {
      parts.push({ text: text.slice(from) });
      break;
    }
    if (open > from) parts.push({ text: text.slice(from, open) });
    const close = findClose(text, open + 2);
    if (close < 0) {
      return {
        ok: false,
        message: `has a "{{" at character ${open + 1} that is never closed`,
        hint: 'Close the expression with "}}". To write a literal "{{", use {{ "{{" }}.',
        offset: open,
      };
    }
    const expression = text.slice(open + 2, close);
    if (expression.trim() === '') {
      return {
        ok: false,
        message: `has an empty expression at character ${open + 1}`,
        hint: 'Put a JSONata expression between the braces, e.g. {{ inputs.name }}.',
        offset: open,
      };
    }
    parts.push({ expression, offset: open + 2 });
    from = close + 2;
  }
  return { ok: true, parts };
}

/** True when the text holds at least one `{{`; only such strings are templates. */
export function isTemplate(text: string): boolean {
  return text.includes('{{');
}

/** True when the whole string is exactly one expression, so its value keeps its type. */
export function isWholeExpression(parts: TemplatePart[]): parts is [{ expression: string; offset: number }] {
  return parts.length === 1 && parts[0] !== undefined && 'expression' in parts[0];
}

function findClose(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      i = skipQuoted(text, i, c);
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return -1;
      i = end + 2;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0 && text[i + 1] === '}') return i;
      if (depth > 0) depth--;
    }
    i++;
  }
  return -1;
}

function skipQuoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    // Backtick names in JSONata have no escapes; string literals do.
    if (c === '\\' && quote !== '`') {
      i += 2;
      continue;
    }
    if (c === quote) return i + 1;
    i++;
  }
  return i;
}
