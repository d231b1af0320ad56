import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { sourceFields } from '../schemas.js';
import { checkXml, readXml } from '../xml.js';

export const validateXmlAction = defineAction({
  auth,
  key: 'validate',
  title: 'Check that XML is well-formed',
  description:
    'Tells whether a document is well-formed XML (one root, every tag closed and nested properly, attributes quoted, names valid) and, if not, what is wrong and where, without failing the step. It does not check a DTD or XML Schema.',
  input: Type.Object({ ...sourceFields }),
  output: Type.Object({
    valid: Type.Boolean({ description: 'True when the document is well-formed' }),
    error: Type.Union(
      [
        Type.Object({
          code: Type.String({ description: "The validator's code, e.g. InvalidTag or InvalidAttr" }),
          message: Type.String({ description: 'What is wrong' }),
          line: Type.Integer({ description: 'Line of the problem, from 1' }),
          column: Type.Integer({ description: 'Column of the problem, from 1' }),
        }),
        Type.Null(),
      ],
      { description: 'The first problem found, or null' },
    ),
  }),
  examples: [
    { title: 'Well-formed', input: { xml: '<a><b/></a>' }, output: { valid: true, error: null } },
    {
      title: 'A tag closed in the wrong order',
      input: { xml: '<a><b></a>' },
      output: {
        valid: false,
        error: {
          code: 'InvalidTag',
          message: "Expected closing tag 'b' (opened in line 1, col 4) instead of closing tag 'a'.",
          line: 1,
          column: 7,
        },
      },
    },
  ],
  async run({ input, ctx }) {
    const error = checkXml(readXml(input, ctx.actionKey));
    return { valid: error === null, error };
  },
});
