import { Type } from '@mova/sdk';

export const sourceFields = {
  xml: Type.Optional(
    Type.String({ minLength: 1, description: 'The XML document as text (give this or contentBase64)' }),
  ),
  contentBase64: Type.Optional(
    Type.String({ minLength: 1, description: 'The XML file as base64-encoded UTF-8 bytes (give this or xml)' }),
  ),
};

export const mappingFields = {
  attributePrefix: Type.String({
    minLength: 1,
    default: '@',
    description: 'Prefix that marks attribute keys in the JSON: <book id="1"> is { "@id": "1" } with "@" (default)',
  }),
  textKey: Type.String({
    minLength: 1,
    default: '#text',
    description: 'Key of an element\'s text when it also has attributes or child elements (default "#text")',
  }),
};

export const removeNamespacePrefixesField = Type.Boolean({
  default: false,
  description: 'Drop namespace prefixes from names (soap:Body becomes Body)',
});

export const parseValuesField = Type.Boolean({
  default: false,
  description:
    'Turn text and attribute values that are numbers or true/false into JSON numbers and booleans (values with leading zeros, like "007", stay text); off by default: every value is text',
});
