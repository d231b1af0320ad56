/** Where JSON.parse gave up on a text: 1-based line and column, and why. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  reason: string;
}

/**
 * Locates a JSON syntax error. JSON.parse's messages differ between Node versions and some carry
 * no position at all ("Unexpected token 'x', "…" is not valid JSON"), so the spot comes from a
 * scan of the grammar and only the reason from the message.
 * @example
 * describeJsonError('{"a": tru}', "Unexpected token '}', ...") // { line: 1, column: 10, reason: "Unexpected token '}'" }
 */
export function describeJsonError(text: string, message: string): JsonSyntaxError {
  const offset = jsonErrorOffset(text);
  const before = text.slice(0, offset);
  const reason = message
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/ (in JSON )?at position \d+/, '')
    .trim();
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n'), reason };
}

class Stop {
  constructor(readonly offset: number) {}
}

/** The offset of the first character that cannot continue valid JSON (the text's length when it ends early). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  // Typed as a never-returning function so that calls to it narrow like a throw does.
  const stop: () => never = () => {
    throw new Stop(i);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const expect = (char: string) => {
    if (text.charAt(i) !== char) stop();
    i++;
  };
  const word = (literal: string) => {
    for (const char of literal) expect(char);
  };
  const string = () => {
    expect('"');
    for (;;) {
      if (i >= text.length) stop();
      const char = text.charAt(i);
      if (char === '"') {
        i++;
        return;
      }
      if (char < ' ') stop();
      if (char === '\\') {
        i++;
        const escaped = text.charAt(i);
        if (escaped === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!/[0-9a-fA-F]/.test(text.charAt(i))) stop();
          }
        } else if (escaped === '' || !'"\\/bfnrt'.includes(escaped)) stop();
      }
      i++;
    }
  };
  const digits = () => {
    if (!/[0-9]/.test(text.charAt(i))) stop();
    while (/[0-9]/.test(text.charAt(i))) i++;
  };
  const number = () => {
    if (text.charAt(i) === '-') i++;
    if (text.charAt(i) === '0') i++;
    else digits();
    if (text.charAt(i) === '.') {
      i++;
      digits();
    }
    if (text.charAt(i) === 'e' || text.charAt(i) === 'E') {
      i++;
      if (text.charAt(i) === '+' || text.charAt(i) === '-') i++;
      digits();
    }
  };
  const list = (close: string, item: () => void) => {
    i++;
    space();
    if (text.charAt(i) === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      space();
      if (text.charAt(i) === close) {
        i++;
        return;
      }
      expect(',');
    }
  };
  const value = (): void => {
    space();
    const char = text.charAt(i);
    if (char === '{') {
      list('}', () => {
        space();
        string();
        space();
        expect(':');
        value();
      });
    } else if (char === '[') list(']', value);
    else if (char === '"') string();
    else if (char === 't') word('true');
    else if (char === 'f') word('false');
    else if (char === 'n') word('null');
    else if (char === '-' || (char >= '0' && char <= '9')) number();
    else stop();
    space();
  };
  try {
    value();
    if (i < text.length) stop();
  } catch (error) {
    if (error instanceof Stop) return error.offset;
    throw error;
  }
  // JSON.parse refused something this grammar accepts; point at the end rather than guess.
  return text.length;
}
