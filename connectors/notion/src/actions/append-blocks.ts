import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withNotion } from '../client.js';
import { type BlocksRequest, blocksField, paragraphs } from '../schemas.js';

export const appendBlocks = defineAction({
  auth,
  key: 'blocks.appendChildren',
  title: 'Append content to a page',
  description:
    'Adds content blocks (paragraphs, headings, to-dos, lists, code…) to the end of a page or block, or after one of its blocks. Blocks are Notion block objects; plain text becomes one paragraph per line.',
  input: Type.Object({
    blockId: Type.String({ minLength: 1, description: 'Id of the page or block to add the content to' }),
    children: Type.Optional(
      blocksField(
        'Blocks to add (up to 100), e.g. [{ "type": "to_do", "to_do": { "rich_text": [{ "text": { "content": "Call Ada" } }] } }]',
      ),
    ),
    text: Type.Optional(Type.String({ description: 'Plain text to add after children: one paragraph per line' })),
    after: Type.Optional(
      Type.String({ minLength: 1, description: 'Id of a child block to insert after, instead of at the end' }),
    ),
  }),
  output: Type.Object({
    blocks: Type.Array(
      Type.Object({
        id: Type.String({ description: 'Id of the new block' }),
        type: Type.String({ description: 'Its block type, e.g. paragraph' }),
      }),
      { description: 'The blocks added, in order' },
    ),
  }),
  examples: [
    {
      input: {
        blockId: '59833787-2cf9-4fdf-8782-e53db20768a5',
        children: [
          { type: 'heading_2', heading_2: { rich_text: [{ text: { content: 'Follow-up' } }] } },
          { type: 'to_do', to_do: { rich_text: [{ text: { content: 'Call Ada' } }], checked: false } },
        ],
        text: 'Notes from the call.',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const children = [...(input.children ?? []), ...(input.text ? paragraphs(input.text) : [])];
    if (children.length === 0 || children.length > 100) {
      throw new ConnectorError(`give 1 to 100 blocks to append (got ${children.length})`, {
        kind: 'invalid_input',
        actionKey: ctx.actionKey,
      });
    }
    const response = await withNotion(auth, ctx, (notion) =>
      notion.blocks.children.append({
        block_id: input.blockId,
        // Open JSON in the step's input: Notion checks each block object.
        children: children as BlocksRequest,
        ...(input.after ? { position: { type: 'after_block', after_block: { id: input.after } } } : {}),
      }),
    );
    // Notion answers with the new first-level blocks, in order.
    return {
      blocks: response.results.map((block) => ({ id: block.id, type: 'type' in block ? block.type : 'unknown' })),
    };
  },
});
