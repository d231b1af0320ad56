import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { invalidInput } from '../errors.js';
import { mappingFields } from '../schemas.js';
import { buildXml } from '../xml.js';

export const buildXmlAction = defineAction({
  auth,
  key: 'build',
  title: 'Build XML from JSON',
  description:
    'Writes JSON as an XML document, the reverse of parse: keys become elements, prefixed keys ("@id") attributes, "#text" the text beside them, arrays repeated elements, and null or "" empty elements. Special characters are escaped.',
  input: Type.Object({
    data: Type.Record(Type.String(), Type.Unknown(), {
      description: 'The document as JSON with one root key, e.g. { "order": { "@id": "7", "item": ["a", "b"] } }',
    }),
    rootName: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Wrap data in a root element of this name, when data has several keys or is not keyed by its root',
      }),
    ),
    ...mappingFields,
    pretty: Type.Boolean({ default: false, description: 'Indent the XML over several lines' }),
    indent: Type.String({ default: '  ', description: 'Indentation of one level when pretty (two spaces by default)' }),
    declaration: Type.Boolean({
      default: true,
      description: 'Start with <?xml version="1.0" encoding="UTF-8"?> (default true)',
    }),
    selfClosing: Type.Boolean({
      default: true,
      description: 'Write empty elements as <tag/> (default true) instead of <tag></tag>',
    }),
  }),
  output: Type.Object({
    xml: Type.String({ description: 'The XML document' }),
    contentBase64: Type.String({ description: 'The same XML as UTF-8 bytes in base64, to attach or upload as a file' }),
  }),
  examples: [
    {
      input: { data: { order: { '@id': '7', customer: 'Ada & Co', item: ['tea', 'cake'], note: null } } },
      output: {
        xml: '<?xml version="1.0" encoding="UTF-8"?>\n<order id="7"><customer>Ada &amp; Co</customer><item>tea</item><item>cake</item><note/></order>',
        contentBase64:
          'PD94bWwgdmVyc2lvbj0iMS4wIiBlbmNvZGluZz0iVVRGLTgiPz4KPG9yZGVyIGlkPSI3Ij48Y3VzdG9tZXI+QWRhICZhbXA7IENvPC9jdXN0b21lcj48aXRlbT50ZWE8L2l0ZW0+PGl0ZW0+Y2FrZTwvaXRlbT48bm90ZS8+PC9vcmRlcj4=',
      },
    },
  ],
  async run({ input, ctx }) {
    const data = input.rootName ? { [input.rootName]: input.data } : input.data;
    const roots = Object.keys(data).filter((key) => !key.startsWith('?'));
    if (roots.length !== 1 || roots[0]?.startsWith(input.attributePrefix) || roots[0] === input.textKey) {
      throw invalidInput(
        `an XML document has one root element, but data has ${roots.length === 1 ? `only "${roots[0]}"` : `${roots.length} top-level keys`}`,
        ctx.actionKey,
        'Key data by its root element ({ "order": { ... } }), or give rootName to wrap it in one.',
      );
    }
    const xml = buildXml(data, { ...input, attributes: true }, ctx.actionKey);
    return { xml, contentBase64: Buffer.from(xml, 'utf8').toString('base64') };
  },
});
