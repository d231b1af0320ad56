import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { mappingFields, parseValuesField, removeNamespacePrefixesField, sourceFields } from '../schemas.js';
import { compilePath, selectNodes } from '../select.js';
import { parseXml, readXml } from '../xml.js';

export const selectNodesAction = defineAction({
  auth,
  key: 'select',
  title: 'Select from XML by path',
  description:
    'Picks values out of an XML document with a simple XPath-like path: element names from the root separated by "/", "*" for any element, [n] to take the n-th (counted from 0; [-1] is the last), [@attr="value"] to keep elements with that attribute, and a final @attr or text(). Not full XPath: no "//", functions, axes or other predicates.',
  input: Type.Object({
    ...sourceFields,
    path: Type.String({
      minLength: 1,
      description:
        'The path, e.g. "catalog/book/title", "catalog/book[0]/@id", "catalog/book[@id=\\"2\\"]/title" or "feed/entry[-1]/text()"',
    }),
    ...mappingFields,
    parseValues: parseValuesField,
    removeNamespacePrefixes: removeNamespacePrefixesField,
  }),
  output: Type.Object({
    matches: Type.Array(Type.Unknown(), {
      description:
        'Every match in document order: attribute values and text as strings, elements as parse would give them',
    }),
    count: Type.Integer({ description: 'Number of matches' }),
    first: Type.Unknown({ description: 'The first match, or null when nothing matched' }),
  }),
  examples: [
    {
      title: 'Every title',
      input: {
        xml: '<catalog><book id="1"><title>Dune</title></book><book id="2"><title>Emma</title></book></catalog>',
        path: 'catalog/book/title',
      },
      output: { matches: ['Dune', 'Emma'], count: 2, first: 'Dune' },
    },
    {
      title: 'An attribute of the first book',
      input: {
        xml: '<catalog><book id="1"><title>Dune</title></book><book id="2"><title>Emma</title></book></catalog>',
        path: 'catalog/book[0]/@id',
      },
      output: { matches: ['1'], count: 1, first: '1' },
    },
    {
      title: 'A book by its attribute, as JSON',
      input: {
        xml: '<catalog><book id="1"><title>Dune</title></book><book id="2"><title>Emma</title></book></catalog>',
        path: 'catalog/book[@id="2"]',
      },
      output: { matches: [{ title: 'Emma', '@id': '2' }], count: 1, first: { title: 'Emma', '@id': '2' } },
    },
  ],
  async run({ input, ctx }) {
    const steps = compilePath(input.path, ctx.actionKey);
    const document = parseXml(
      readXml(input, ctx.actionKey),
      { ...input, attributes: true, arrays: [], alwaysArray: true, trim: true },
      ctx.actionKey,
    );
    const matches = selectNodes(document, steps, input);
    return { matches, count: matches.length, first: matches[0] ?? null };
  },
});
