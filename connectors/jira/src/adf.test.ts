import { describe, expect, it } from 'vitest';
import { adfToText, textToAdf } from './adf.js';

describe('textToAdf', () => {
  it('makes a paragraph per block and a hard break per line', () => {
    expect(textToAdf('First line\nsecond\n\nNext block')).toEqual({
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'First line' }, { type: 'hardBreak' }, { type: 'text', text: 'second' }],
        },
        { type: 'paragraph', content: [{ type: 'text', text: 'Next block' }] },
      ],
    });
  });

  it('gives an empty document for empty text', () => {
    expect(textToAdf('')).toEqual({ type: 'doc', version: 1, content: [] });
  });
});

describe('adfToText', () => {
  it('reads text back from what textToAdf made', () => {
    const text = 'First line\nsecond\n\nNext block';
    expect(adfToText(textToAdf(text))).toBe(text);
  });

  it('reads mentions, lists and headings', () => {
    const doc = {
      type: 'doc',
      version: 1,
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Steps' }] },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }],
        },
        { type: 'paragraph', content: [{ type: 'mention', attrs: { id: 'x', text: '@Ada' } }] },
      ],
    };
    expect(adfToText(doc)).toBe('Steps\n\none\n\n@Ada');
  });

  it('passes Data Center plain text through and gives null for no value', () => {
    expect(adfToText('h1. Wiki *markup*')).toBe('h1. Wiki *markup*');
    expect(adfToText(null)).toBeNull();
    expect(adfToText(undefined)).toBeNull();
  });
});
