import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGraph } from '../client.js';
import { attendeesField, attendeesOf, dateTimeField, eventOf, eventSchema, type RawEvent } from '../events.js';
import { idField, mailboxField, root } from '../mailbox.js';

export const updateEvent = defineAction({
  auth,
  key: 'events.update',
  title: 'Update a calendar event',
  description:
    'Changes an event the mailbox organizes: title, time, description, location or attendees; fields left out stay as they are. Outlook sends the attendees an update.',
  input: Type.Object({
    eventId: idField('Event to change'),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'New title' })),
    start: Type.Optional(dateTimeField('New start')),
    end: Type.Optional(dateTimeField('New end')),
    body: Type.Optional(Type.String({ description: 'New description, as HTML' })),
    location: Type.Optional(Type.String({ description: 'New location display name; "" clears it' })),
    attendees: attendeesField,
    mailbox: mailboxField,
  }),
  output: eventSchema,
  examples: [
    {
      input: {
        eventId: 'AAMkAGI1AAAt9AHjAAA=',
        start: { dateTime: '2026-12-10T15:00:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2026-12-10T15:30:00', timeZone: 'Europe/Berlin' },
        location: 'Room 4.12',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const changes = {
      ...(input.subject ? { subject: input.subject } : {}),
      ...(input.start ? { start: input.start } : {}),
      ...(input.end ? { end: input.end } : {}),
      ...(input.body === undefined ? {} : { body: { contentType: 'html', content: input.body } }),
      ...(input.location === undefined ? {} : { location: { displayName: input.location } }),
      ...(input.attendees ? { attendees: attendeesOf(input.attendees) } : {}),
    };
    const updated: RawEvent = await withGraph(auth, ctx, (graph) =>
      graph.api(`${root(input.mailbox)}/events/${encodeURIComponent(input.eventId)}`).patch(changes),
    );
    return eventOf(updated);
  },
});
