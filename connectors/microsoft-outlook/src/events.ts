import { type Static, Type } from '@mova/sdk';

/** dateTimeTimeZone (learn.microsoft.com/graph/api/resources/datetimetimezone). */
export const dateTimeField = (description: string) =>
  Type.Object(
    {
      dateTime: Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$',
        description: 'Local date and time without offset, e.g. 2026-12-10T14:00:00',
      }),
      timeZone: Type.String({
        minLength: 1,
        default: 'UTC',
        description:
          'Time zone of dateTime: a Windows or IANA name, e.g. "W. Europe Standard Time" or "Europe/Berlin"; default UTC',
      }),
    },
    { description },
  );

export const attendeesField = Type.Optional(
  Type.Array(
    Type.Object({
      address: Type.String({ pattern: '^[^\\s@]+@[^\\s@]+$', description: 'Email address' }),
      name: Type.Optional(Type.String({ description: 'Display name' })),
      type: Type.Optional(
        Type.Union([Type.Literal('required'), Type.Literal('optional'), Type.Literal('resource')], {
          default: 'required',
          description: 'required (default), optional, or resource (a room or equipment)',
        }),
      ),
    }),
    { description: 'People (and rooms) to invite; Outlook sends them the invitation' },
  ),
);

export function attendeesOf(list: { address: string; name?: string; type?: string }[] | undefined) {
  return list?.map((a) => ({
    emailAddress: { address: a.address, ...(a.name ? { name: a.name } : {}) },
    type: a.type ?? 'required',
  }));
}

const when = Type.Object({
  dateTime: Type.String({ description: 'Local date and time' }),
  timeZone: Type.String({ description: 'Its time zone' }),
});

export const eventSchema = Type.Object({
  id: Type.String({ description: 'Event id' }),
  subject: Type.String({ description: 'Title' }),
  start: { ...when, description: 'Start' },
  end: { ...when, description: 'End' },
  isAllDay: Type.Boolean({ description: 'All-day event' }),
  location: Type.Optional(Type.String({ description: 'Location display name' })),
  bodyPreview: Type.Optional(Type.String({ description: 'Start of the description, as text' })),
  organizer: Type.Optional(Type.String({ description: 'Organizer’s email address' })),
  attendees: Type.Array(
    Type.Object({
      address: Type.String({ description: 'Email address' }),
      name: Type.Optional(Type.String({ description: 'Display name' })),
      type: Type.String({ description: 'required, optional or resource' }),
      response: Type.String({ description: 'none, accepted, tentativelyAccepted, declined, notResponded, organizer' }),
    }),
    { description: 'Invitees and their answers' },
  ),
  isOnlineMeeting: Type.Boolean({ description: 'Has a Teams meeting' }),
  joinUrl: Type.Optional(Type.String({ description: 'Teams meeting link' })),
  showAs: Type.Optional(Type.String({ description: 'free, tentative, busy, oof, workingElsewhere' })),
  webLink: Type.Optional(Type.String({ description: 'Link that opens the event in Outlook on the web' })),
  seriesMasterId: Type.Optional(Type.String({ description: 'Recurring series this occurrence belongs to' })),
});

export type Event = Static<typeof eventSchema>;

/** The event resource fields (learn.microsoft.com/graph/api/resources/event) this connector reads. */
export interface RawEvent {
  id: string;
  subject?: string | null;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  isAllDay?: boolean;
  location?: { displayName?: string | null } | null;
  bodyPreview?: string | null;
  organizer?: { emailAddress?: { address?: string } } | null;
  attendees?: {
    emailAddress: { address: string; name?: string };
    type?: string;
    status?: { response?: string } | null;
  }[];
  isOnlineMeeting?: boolean;
  onlineMeeting?: { joinUrl?: string | null } | null;
  showAs?: string | null;
  webLink?: string | null;
  seriesMasterId?: string | null;
}

export function eventOf(raw: RawEvent): Event {
  return {
    id: raw.id,
    subject: raw.subject ?? '',
    start: { dateTime: raw.start.dateTime, timeZone: raw.start.timeZone },
    end: { dateTime: raw.end.dateTime, timeZone: raw.end.timeZone },
    isAllDay: raw.isAllDay ?? false,
    ...(raw.location?.displayName ? { location: raw.location.displayName } : {}),
    ...(raw.bodyPreview ? { bodyPreview: raw.bodyPreview } : {}),
    ...(raw.organizer?.emailAddress?.address ? { organizer: raw.organizer.emailAddress.address } : {}),
    attendees: (raw.attendees ?? []).map((a) => ({
      address: a.emailAddress.address,
      ...(a.emailAddress.name ? { name: a.emailAddress.name } : {}),
      type: a.type ?? 'required',
      response: a.status?.response ?? 'none',
    })),
    isOnlineMeeting: raw.isOnlineMeeting ?? false,
    ...(raw.onlineMeeting?.joinUrl ? { joinUrl: raw.onlineMeeting.joinUrl } : {}),
    ...(raw.showAs ? { showAs: raw.showAs } : {}),
    ...(raw.webLink ? { webLink: raw.webLink } : {}),
    ...(raw.seriesMasterId ? { seriesMasterId: raw.seriesMasterId } : {}),
  };
}
