import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRest } from '../client.js';
import { fieldsOf, incidentIdField, noteSchema, toNote } from '../schemas.js';

export const createNote = defineAction({
  auth,
  key: 'incidents.notes.create',
  title: 'Add a note to an incident',
  description: 'Adds a note to an incident’s timeline, as the connection’s from user.',
  input: Type.Object({
    incidentId: incidentIdField,
    content: Type.String({ minLength: 1, maxLength: 25_000, description: 'Note text' }),
  }),
  output: noteSchema,
  examples: [{ input: { incidentId: 'PT4KHLK', content: 'Rolled back deploy 4821; watching error rates.' } }],
  async run({ input, auth, ctx }) {
    const { data } = await withRest(
      auth,
      ctx,
      (http) =>
        http.post(`/incidents/${encodeURIComponent(input.incidentId)}/notes`, {
          json: { note: { content: input.content } },
        }),
      { write: true },
    );
    return toNote(fieldsOf(data).note);
  },
});
