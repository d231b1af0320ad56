/**
 * Jira Cloud's REST API v3 takes and gives rich text (issue descriptions, comments) as Atlassian
 * Document Format; Data Center's v2 uses plain text with wiki markup. Steps speak plain text on both:
 * these turn it into ADF and back.
 * https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/
 */
export interface AdfNode {
  type: string;
  text?: string;
  content?: AdfNode[];
  attrs?: Record<string, unknown>;
}

export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

/**
 * Plain text as an ADF document: a paragraph per blank-line-separated block, a hard break per line.
 * @example textToAdf('Hello\nworld') // one paragraph: "Hello", hardBreak, "world"
 */
export function textToAdf(text: string): AdfDocument {
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  const content = blocks
    .filter((block) => block.trim() !== '')
    .map((block): AdfNode => {
      const lines = block.split('\n');
      const inline = lines.flatMap((line, i): AdfNode[] => {
        const parts: AdfNode[] = i > 0 ? [{ type: 'hardBreak' }] : [];
        if (line !== '') parts.push({ type: 'text', text: line });
        return parts;
      });
      return { type: 'paragraph', content: inline };
    });
  return { type: 'doc', version: 1, content };
}

const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'codeBlock', 'listItem', 'rule', 'panel', 'tableRow']);

/**
 * The text of an ADF document (or of a v2 plain-text field): blocks on their own lines, mentions
 * and emoji as their text, anything else by its text nodes.
 * @example adfToText({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }] }) // 'Hi'
 */
export function adfToText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (!isNode(value)) return null;
  const out: string[] = [];
  const walk = (node: AdfNode) => {
    if (node.type === 'text' && typeof node.text === 'string') out.push(node.text);
    else if (node.type === 'hardBreak') out.push('\n');
    else if (node.type === 'mention' || node.type === 'emoji') out.push(String(node.attrs?.text ?? ''));
    for (const child of node.content ?? []) if (isNode(child)) walk(child);
    if (BLOCKS.has(node.type)) out.push('\n\n');
  };
  walk(value);
  return out
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function isNode(value: unknown): value is AdfNode {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string';
}
