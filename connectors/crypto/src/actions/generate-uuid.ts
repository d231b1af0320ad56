import { randomUUID } from 'node:crypto';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';

export const generateUuid = defineAction({
  auth,
  key: 'random.uuid',
  title: 'Generate UUIDs',
  description:
    "Generates random version 4 UUIDs from the operating system's secure random source: ids for records, idempotency keys, correlation ids. Needs no key.",
  input: Type.Object({
    count: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 1,
      description: 'How many to generate (default 1, at most 1000)',
    }),
  }),
  output: Type.Object({
    uuid: Type.String({ description: 'The first UUID, e.g. 3b241101-e2bb-4255-8caf-4136c566a962' }),
    uuids: Type.Array(Type.String(), { description: 'All the UUIDs generated' }),
  }),
  examples: [{ input: {} }, { title: 'Five ids at once', input: { count: 5 } }],
  async run({ input }) {
    const uuids = Array.from({ length: input.count }, () => randomUUID());
    return { uuid: uuids[0] ?? '', uuids };
  },
});
