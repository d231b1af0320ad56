import { createMarkdownRenderer, type MarkdownOptions, type MarkdownRenderer } from 'vitepress';
import { srcDir } from './paths.js';

/**
 * VitePress compiles every page into a Vue template, where `{{ … }}` is an interpolation. MOVA's
 * own expressions are written `{{ … }}`, in text and in inline code alike, so both must stay
 * literal: inline code gets `v-pre`, and braces in text become character references, which Vue's
 * compiler reads as text. (Fenced code blocks are already `v-pre`.)
 */
function literalBraces(md: MarkdownRenderer): void {
  const inlineCode = md.renderer.rules.code_inline;
  md.renderer.rules.code_inline = (tokens, idx, options, env, self) => {
    tokens[idx]?.attrSet('v-pre', '');
    return inlineCode ? inlineCode(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
  const text = md.renderer.rules.text;
  md.renderer.rules.text = (tokens, idx, options, env, self) => {
    const html = text ? text(tokens, idx, options, env, self) : (tokens[idx]?.content ?? '');
    return html.replaceAll('{{', '&#123;&#123;').replaceAll('}}', '&#125;&#125;');
  };
}

/** The site's markdown options, shared by `.vitepress/config.ts` and the tests. */
export const markdownOptions: MarkdownOptions = {
  // `{ ... }` ending a line would be read as HTML attributes; descriptions show JSON there.
  attrs: { disable: true },
  config: (md) => {
    md.use(literalBraces);
  },
};

let renderer: Promise<MarkdownRenderer> | undefined;

/** Markdown rendered as the site renders it, for tests of what the generators write. */
export async function renderLikeSite(markdown: string): Promise<string> {
  renderer ??= createMarkdownRenderer(srcDir, markdownOptions);
  return (await renderer).render(markdown);
}
