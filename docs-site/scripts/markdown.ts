/**
 * Small builders for the generated markdown. VitePress renders markdown with HTML enabled, so a `<`
 * in free text would open a tag; GitHub-style tables split cells on `|`, even inside code spans.
 */

/** Free text on one line, with `<` escaped so `Array<string>` or `<name>` stays text. */
export function text(value: string): string {
  return value.replace(/\s*\n\s*/g, ' ').replaceAll('<', '&lt;');
}

/** An inline code span, fenced with enough backticks for the value's own. */
export function code(value: string): string {
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${value.replace(/\n/g, ' ')}${pad}${ticks}`;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function fence(language: string, body: string): string {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}${language}\n${body.replace(/\n$/, '')}\n${ticks}`;
}

/** Pretty JSON in a fenced block. */
export function jsonBlock(value: unknown): string {
  return fence('json', JSON.stringify(value, null, 2));
}

/** A link; brackets in the label are escaped so they cannot end it early. */
export function link(label: string, href: string): string {
  return `[${label.replace(/[[\]]/g, '\\$&')}](${href})`;
}

/**
 * A table cell from markdown: one line, every `|` escaped. GitHub-flavoured tables (and
 * markdown-it) drop the backslash again, also inside code spans.
 */
export function cell(markdown: string): string {
  return markdown
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\\?\|/g, '\\|')
    .trim();
}

/** A markdown table; cells are markdown and pass through `cell`. */
export function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => cell(c) || ' ').join(' | ')} |`;
  return [line(head), `| ${head.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** Joins markdown blocks with blank lines, dropping empty ones. */
export function blocks(...parts: (string | undefined | false)[]): string {
  return `${parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join('\n\n')}\n`;
}

/** A page's YAML front matter; values are JSON strings, which YAML reads as they are. */
export function frontMatter(fields: Record<string, string | number | boolean>): string {
  const lines = Object.entries(fields).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  return `---\n${lines.join('\n')}\n---`;
}
