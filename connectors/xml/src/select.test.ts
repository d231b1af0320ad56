import { describe, expect, it } from 'vitest';
import { compilePath, selectNodes } from './select.js';

const keys = { attributePrefix: '@', textKey: '#text' };

describe('compilePath', () => {
  it('reads names, wildcards, indexes, attribute filters and final steps', () => {
    expect(compilePath('/a/*/c[0][@id="x y"]/@lang')).toEqual([
      { kind: 'element', name: 'a', filters: [] },
      { kind: 'element', name: '*', filters: [] },
      {
        kind: 'element',
        name: 'c',
        filters: [
          { kind: 'index', index: 0 },
          { kind: 'attribute', name: 'id', value: 'x y' },
        ],
      },
      { kind: 'attribute', name: 'lang' },
    ]);
    expect(compilePath("soap:Envelope/soap:Body[@x='1']/text()")).toEqual([
      { kind: 'element', name: 'soap:Envelope', filters: [] },
      { kind: 'element', name: 'soap:Body', filters: [{ kind: 'attribute', name: 'x', value: '1' }] },
      { kind: 'text' },
    ]);
    expect(compilePath('a[-1]')).toEqual([{ kind: 'element', name: 'a', filters: [{ kind: 'index', index: -1 }] }]);
  });

  it('refuses what the subset leaves out, as invalid input', () => {
    for (const path of ['//a', 'a//b', 'a/', 'a/@b/c', 'a/text()/b', 'a[last()]', 'a[@b]', 'count(a)', '']) {
      expect(() => compilePath(path, 'select'), path).toThrow(
        expect.objectContaining({ kind: 'invalid_input', actionKey: 'select' }),
      );
    }
  });
});

describe('selectNodes', () => {
  // What parseXml gives with alwaysArray for <r><i id="1">a</i><i id="2"><j>b</j></i><k/></r>.
  const doc = { r: [{ i: ['a', { '@id': '2', j: ['b'] }], k: [''] }] };
  // The first <i> has an attribute in the document this stands for; a string here means text only.
  const withAttrs = {
    r: [
      {
        i: [
          { '@id': '1', '#text': 'a' },
          { '@id': '2', j: ['b'] },
        ],
        k: [''],
      },
    ],
  };

  it('unwraps single elements the way a plain parse does', () => {
    expect(selectNodes(doc, compilePath('r/i'), keys)).toEqual(['a', { '@id': '2', j: 'b' }]);
    expect(selectNodes(doc, compilePath('r'), keys)).toEqual([{ i: ['a', { '@id': '2', j: 'b' }], k: '' }]);
  });

  it('takes text of text-only and mixed elements, and attributes', () => {
    expect(selectNodes(withAttrs, compilePath('r/i/text()'), keys)).toEqual(['a']);
    expect(selectNodes(withAttrs, compilePath('r/i/@id'), keys)).toEqual(['1', '2']);
    expect(selectNodes(doc, compilePath('r/k/text()'), keys)).toEqual(['']);
  });

  it('applies filters in order, per parent', () => {
    expect(selectNodes(withAttrs, compilePath('r/i[@id="2"][0]/j'), keys)).toEqual(['b']);
    expect(selectNodes(withAttrs, compilePath('r/i[0][@id="2"]'), keys)).toEqual([]);
    expect(selectNodes(withAttrs, compilePath('r/*[-1]'), keys)).toEqual(['']);
  });
});
