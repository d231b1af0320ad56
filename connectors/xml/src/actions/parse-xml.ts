import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { mappingFields, parseValuesField, removeNamespacePrefixesField, sourceFields } from '../schemas.js';
import { parseXml, readXml } from '../xml.js';

export const parseXmlAction = defineAction({
  auth,
  key: 'parse',
  title: 'Parse XML to JSON',
  description:
    'Turns an XML document into JSON: elements become keys, attributes prefixed keys ("@id"), text the value (or "#text" beside attributes and children), and repeated elements arrays. Elements you name by path are always arrays, so one <item> and many <item>s read alike. Malformed XML fails with the line and column.',
  input: Type.Object({
    ...sourceFields,
    ...mappingFields,
    attributes: Type.Boolean({ default: true, description: 'Keep attributes (default true); false drops them' }),
    arrays: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description:
        'Element paths from the root, like "rss/channel/item", that always give an array, even when the document has just one',
    }),
    alwaysArray: Type.Boolean({ default: false, description: 'Make every element an array, whatever its count' }),
    parseValues: parseValuesField,
    trim: Type.Boolean({
      default: true,
      description: 'Remove whitespace around text and attribute values (default true)',
    }),
    removeNamespacePrefixes: removeNamespacePrefixesField,
  }),
  output: Type.Object({
    data: Type.Record(Type.String(), Type.Unknown(), {
      description: 'The document as JSON, keyed by its root element',
    }),
    root: Type.String({ description: 'Name of the root element' }),
  }),
  examples: [
    {
      title: 'Attributes, text and a repeated element',
      input: {
        xml: '<catalog><book id="1" lang="en"><title>Dune</title><price>9.99</price></book><book id="2"><title>Emma</title></book></catalog>',
      },
      output: {
        data: {
          catalog: {
            book: [
              { title: 'Dune', price: '9.99', '@id': '1', '@lang': 'en' },
              { title: 'Emma', '@id': '2' },
            ],
          },
        },
        root: 'catalog',
      },
    },
    {
      title: 'A feed with one item, always as a list, with typed values',
      input: {
        xml: '<rss><channel><item><title>Hello</title><views>42</views></item></channel></rss>',
        arrays: ['rss/channel/item'],
        parseValues: true,
      },
      output: { data: { rss: { channel: { item: [{ title: 'Hello', views: 42 }] } } }, root: 'rss' },
    },
  ],
  async run({ input, ctx }) {
    const data = parseXml(readXml(input, ctx.actionKey), input, ctx.actionKey);
    const [root = ''] = Object.keys(data);
    return { data, root };
  },
});
