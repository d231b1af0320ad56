import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRest } from '../client.js';
import { fieldsOf, incidentIdField, noteSchema, toNote } from '../schemas.js';

export const listNotes = defineAction({
  auth,
  key: 'incidents.notes.list',
  title: 'List an incident’s notes',
  description: 'Lists every note on an incident’s timeline, oldest first (PagerDuty returns them in one answer).',
  input: Type.Object({ incidentId: incidentIdField }),
  output: Type.Object({ notes: Type.Array(noteSchema, { description: 'The notes' }) }),
  examples: [{ input: { incidentId: 'PT4KHLK' } }],
  async run({ input, auth, ctx }) {
    const { data } = await withRest(auth, ctx, (http) =>
      http.get(`/incidents/${encodeURIComponent(input.incidentId)}/notes`),
    );
    const notes = fieldsOf(data).notes;
    return { notes: Array.isArray(notes) ? notes.map(toNote) : [] };
  },
});
