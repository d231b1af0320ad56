import { describe, expect, it } from 'vitest';
import { blocks, cell, code, fence, frontMatter, link, table, text } from './markdown.js';
import { renderLikeSite } from './site-markdown.js';

describe('markdown builders', () => {
  it('escapes < in text so it cannot open an HTML tag, and keeps the text on one line', () => {
    expect(text('Returns Array<string>\n  or <nothing>')).toBe('Returns Array&lt;string> or &lt;nothing>');
  });

  it('fences code spans with more backticks than the value holds', () => {
    expect(code('a')).toBe('`a`');
    expect(code('a `b` c')).toBe('``a `b` c``');
    expect(code('`edge`')).toBe('`` `edge` ``');
  });

  it('fences code blocks with more backticks than the body holds', () => {
    expect(fence('md', '```js\nx\n```')).toBe('````md\n```js\nx\n```\n````');
    expect(fence('sh', 'ls\n')).toBe('```sh\nls\n```');
  });

  it('escapes every | in a table cell, also one already escaped', () => {
    expect(cell('a | b `x|y` c \\| d')).toBe('a \\| b `x\\|y` c \\| d');
  });

  it('escapes brackets in link labels', () => {
    expect(link('a [b]', './x')).toBe('[a \\[b\\]](./x)');
  });

  it('writes front matter values as JSON strings', () => {
    expect(frontMatter({ title: 'A: "b"', outline: 'deep' })).toBe('---\ntitle: "A: \\"b\\""\noutline: "deep"\n---');
  });

  it('joins blocks with blank lines and drops empty ones', () => {
    expect(blocks('# A', undefined, false, '  ', 'b')).toBe('# A\n\nb\n');
  });
});

describe('what the site renders', () => {
  it('keeps a | and a < in a description inside its table cell', async () => {
    const html = await renderLikeSite(table(['Field', 'Description'], [[code('a|b'), text('one | two <three>')]]));
    const cells = [...html.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1]);
    expect(cells).toEqual(['<code v-pre="">a|b</code>', 'one | two &lt;three&gt;']);
  });

  it('leaves {{ }} literal in text and inline code, where Vue would evaluate it', async () => {
    const html = await renderLikeSite('Write {{ inputs.repo }} or `{{ steps.a.output }}`.');
    expect(html).toContain('Write &#123;&#123; inputs.repo &#125;&#125; or');
    expect(html).toContain('<code v-pre="">{{ steps.a.output }}</code>');
  });

  it('does not read { ... } at the end of a line as HTML attributes', async () => {
    const html = await renderLikeSite('Exactly one of { "json": 1 } or { "text": "x" }');
    expect(html).toContain('{ &quot;text&quot;: &quot;x&quot; }');
  });
});
