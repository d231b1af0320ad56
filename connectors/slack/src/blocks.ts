import { Type } from '@mova/sdk';

/** Block Kit blocks: passed to Slack as given; Slack checks each block's own fields. */
export const blocksField = Type.Array(
  Type.Object(
    { type: Type.String({ minLength: 1, description: 'Block type, e.g. "section", "divider", "header"' }) },
    { additionalProperties: true },
  ),
  {
    minItems: 1,
    maxItems: 50,
    description:
      'Block Kit layout blocks (https://docs.slack.dev/block-kit). `text` is still required: Slack shows it in notifications.',
  },
);
