import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGraph } from '../client.js';
import { attendeesField, attendeesOf, dateTimeField, eventOf, eventSchema, type RawEvent } from '../events.js';
import { mailboxField, root } from '../mailbox.js';

export const createEvent = defineAction({
  auth,
  key: 'events.create',
  title: 'Create a calendar event',
  description:
    'Creates an event in the mailbox’s default calendar (or another calendar) and sends invitations to the attendees; optionally with a Teams meeting link.',
  input: Type.Object({
    subject: Type.String({ minLength: 1, maxLength: 255, description: 'Title' }),
    start: dateTimeField('When it starts'),
    end: dateTimeField('When it ends'),
    body: Type.Optional(Type.String({ description: 'Description, as HTML' })),
    location: Type.Optional(Type.String({ minLength: 1, description: 'Location display name, e.g. a room' })),
    attendees: attendeesField,
    isAllDay: Type.Optional(
      Type.Boolean({ description: 'All-day event: start and end at midnight, whole days apart' }),
    ),
    onlineMeeting: Type.Optional(Type.Boolean({ description: 'Add a Teams meeting link' })),
    showAs: Type.Optional(
      Type.Union(
        ['free', 'tentative', 'busy', 'oof', 'workingElsewhere'].map((v) => Type.Literal(v)),
        {
          description: 'How the time shows in free/busy: free, tentative, busy (default), oof, workingElsewhere',
        },
      ),
    ),
    calendarId: Type.Optional(
      Type.String({ minLength: 1, description: 'Calendar to create it in; default the default calendar' }),
    ),
    mailbox: mailboxField,
  }),
  output: eventSchema,
  examples: [
    {
      title: 'Review with a Teams link',
      input: {
        subject: 'Release review',
        start: { dateTime: '2026-12-10T14:00:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2026-12-10T14:30:00', timeZone: 'Europe/Berlin' },
        attendees: [{ address: 'megan@contoso.com', name: 'Megan Bowen' }],
        onlineMeeting: true,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const event = {
      subject: input.subject,
      start: input.start,
      end: input.end,
      ...(input.body ? { body: { contentType: 'html', content: input.body } } : {}),
      ...(input.location ? { location: { displayName: input.location } } : {}),
      ...(input.attendees ? { attendees: attendeesOf(input.attendees) } : {}),
      ...(input.isAllDay === undefined ? {} : { isAllDay: input.isAllDay }),
      ...(input.onlineMeeting ? { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' } : {}),
      ...(input.showAs ? { showAs: input.showAs } : {}),
    };
    const calendar = input.calendarId ? `/calendars/${encodeURIComponent(input.calendarId)}` : '';
    const created: RawEvent = await withGraph(auth, ctx, (graph) =>
      graph.api(`${root(input.mailbox)}${calendar}/events`).post(event),
    );
    return eventOf(created);
  },
});
