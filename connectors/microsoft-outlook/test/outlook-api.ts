// Microsoft Graph v1.0 (the Outlook mail and calendar part) on loopback for the conformance tests. Graph has
// no emulator and its OpenAPI description ships in no npm package, so this server answers the request and
// response shapes the documentation gives:
// - Errors `{ error: { code, message } }`, 401 InvalidAuthenticationToken, 429 with Retry-After:
//   https://learn.microsoft.com/graph/errors, https://learn.microsoft.com/graph/throttling; paging with
//   @odata.nextLink: https://learn.microsoft.com/graph/paging
// - POST /me/sendMail (202, ErrorInvalidRecipients, fileAttachment contentBytes):
//   https://learn.microsoft.com/graph/api/user-sendmail, …/graph/api/resources/fileattachment
// - GET /me/mailFolders/{id}/messages with $top, $select, $orderby and $filter, and the rule that a $filter
//   must start with the $orderby property (InefficientFilter): https://learn.microsoft.com/graph/api/user-list-messages
//   ("Using filter and orderby in the same query"); well-known folder names: …/graph/api/resources/mailfolder
// - GET /me/messages/{id} (Prefer: outlook.body-content-type, ErrorItemNotFound): …/graph/api/message-get
// - POST /me/messages/{id}/move (201, a new id): …/graph/api/message-move
// - POST /me/messages/{id}/reply and /replyAll (202): …/graph/api/message-reply, …/graph/api/message-replyall
// - POST /me/events, /me/calendars/{id}/events (201): …/graph/api/user-post-events
// - GET /me/calendarView?startDateTime&endDateTime (required, Prefer: outlook.timezone): …/graph/api/user-list-calendarview
// - PATCH /me/events/{id}: …/graph/api/event-update
// Every route also answers under /users/{id or userPrincipalName}.
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

export const USER = {
  id: '87d349ed-44d7-43e1-9a83-5f2406dee5bd',
  displayName: 'Adele Vance',
  mail: 'AdeleV@contoso.com',
};
export const FOLDERS: Record<string, string> = {
  inbox: 'AQMkAGInbox',
  sentitems: 'AQMkAGSentItems',
  drafts: 'AQMkAGDrafts',
  deleteditems: 'AQMkAGDeletedItems',
  archive: 'AQMkAGArchive',
  junkemail: 'AQMkAGJunk',
};

type Address = { emailAddress: { address: string; name?: string } };
export interface Mail {
  id: string;
  subject: string;
  from?: Address;
  toRecipients: Address[];
  ccRecipients: Address[];
  bccRecipients: Address[];
  receivedDateTime: string;
  sentDateTime: string;
  isRead: boolean;
  isDraft: boolean;
  hasAttachments: boolean;
  importance: string;
  body: { contentType: string; content: string };
  bodyPreview: string;
  conversationId: string;
  parentFolderId: string;
  webLink: string;
  attachments?: { name: string; contentType: string; contentBytes: string }[];
}
export interface CalendarEvent {
  id: string;
  subject: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  isAllDay: boolean;
  location: { displayName: string };
  body: { contentType: string; content: string };
  bodyPreview: string;
  organizer: Address;
  attendees: (Address & { type: string; status: { response: string; time: string } })[];
  isOnlineMeeting: boolean;
  onlineMeeting: { joinUrl: string } | null;
  showAs: string;
  webLink: string;
  calendarId: string;
}

export interface OutlookReference {
  server: ReferenceServer;
  url: string;
  messages: Mail[];
  events: CalendarEvent[];
  /** What went out: sendMail, reply and replyAll, as delivered. */
  outbox: Mail[];
  accessTokens: Set<string>;
  /** A message arriving in a folder (inbox by default). */
  deliver(subject: string, from: string, extra?: Partial<Mail>): Mail;
  close(): Promise<void>;
}

const graphError = (status: number, code: string, message: string): ReferenceReply => ({
  status,
  body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': crypto.randomUUID() } } },
});
const address = (email: string, name?: string): Address => ({
  emailAddress: { address: email, ...(name ? { name } : {}) },
});
const preview = (html: string) => html.replace(/<[^>]+>/g, '').slice(0, 255);

/** The UTC instant of a wall-clock time in an IANA zone (or UTC). */
function toUtc(dateTime: string, timeZone: string): number {
  const asUtc = Date.parse(`${dateTime.slice(0, 19)}Z`);
  if (timeZone === 'UTC') return asUtc;
  let guess = asUtc;
  for (let i = 0; i < 2; i++) guess = asUtc - (wallOf(guess, timeZone) - guess);
  return guess;
}
/** The wall-clock time of an instant in a zone, read as if it were UTC. */
function wallOf(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return Date.parse(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}Z`);
}
const inZone = (instant: number, timeZone: string) => ({
  dateTime: new Date(timeZone === 'UTC' ? instant : wallOf(instant, timeZone)).toISOString().replace('Z', '0000'),
  timeZone,
});
const validZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export async function startOutlook(): Promise<OutlookReference> {
  let clock = Date.parse('2026-12-01T08:00:00Z');
  let ids = 0;
  const messages: Mail[] = [];
  const events: CalendarEvent[] = [];
  const outbox: Mail[] = [];
  const accessTokens = new Set<string>();
  const server = await startReferenceServer({
    check(request) {
      const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
      if (!token || !accessTokens.has(token))
        return graphError(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.');
      const user = /^\/v1\.0\/users\/([^/]+)/.exec(request.path)?.[1];
      if (user && ![USER.id, USER.mail].includes(decodeURIComponent(user))) {
        return graphError(404, 'ErrorInvalidUser', `The requested user '${decodeURIComponent(user)}' is invalid.`);
      }
      return undefined;
    },
  });
  const url = server.url;
  const newId = (prefix: string) => `${prefix}${String(++ids).padStart(6, '0')}AAA=`;

  const mail = (subject: string, folder: string, extra: Partial<Mail> = {}): Mail => {
    clock += 60_000;
    const at = new Date(clock).toISOString().replace('.000Z', 'Z');
    const id = newId('AAMkAGVmMDEzMTM4');
    const message: Mail = {
      id,
      subject,
      toRecipients: [address(USER.mail, USER.displayName)],
      ccRecipients: [],
      bccRecipients: [],
      receivedDateTime: at,
      sentDateTime: at,
      isRead: false,
      isDraft: false,
      hasAttachments: false,
      importance: 'normal',
      body: { contentType: 'html', content: `<p>${subject}</p>` },
      bodyPreview: subject,
      conversationId: `AAQkAGconv${ids}`,
      parentFolderId: folder,
      webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(id)}`,
      ...extra,
    };
    messages.push(message);
    return message;
  };
  const deliver = (subject: string, from: string, extra: Partial<Mail> = {}) =>
    mail(subject, FOLDERS.inbox as string, { from: address(from), ...extra });

  const folderId = (name: string | undefined) => {
    const key = decodeURIComponent(name ?? '');
    return FOLDERS[key.toLowerCase()] ?? (Object.values(FOLDERS).includes(key) ? key : undefined);
  };
  const messageOf = (request: ReferenceRequest) => messages.find((m) => m.id === request.params.id);
  const notFound = () => graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');

  /** Only what $select names (id always), as Graph answers. */
  const selected = <T extends object>(request: ReferenceRequest, item: T) => {
    const select = request.query.get('$select');
    if (!select) return item;
    const names = new Set(['id', ...select.split(',')]);
    return Object.fromEntries(Object.entries(item).filter(([k]) => names.has(k)));
  };

  function page<T>(request: ReferenceRequest, items: T[], size: number): ReferenceReply {
    const repeated = [...new Set(request.query.keys())].find((key) => request.query.getAll(key).length > 1);
    if (repeated) return graphError(400, 'BadRequest', `Query option '${repeated}' was specified more than once.`);
    const skip = Number(request.query.get('$skip') ?? 0);
    const next = new URLSearchParams(request.query);
    next.set('$skip', String(skip + size));
    return {
      body: {
        value: items.slice(skip, skip + size),
        ...(skip + size < items.length
          ? { '@odata.nextLink': `${url}${request.path}?${next.toString().replace(/%24/g, '$')}` }
          : {}),
      },
    };
  }

  /** The $filter conditions this server understands, joined by and. */
  function filtered(list: Mail[], filter: string | null, orderby: string | null): Mail[] | ReferenceReply {
    if (!filter) return list;
    const conditions = filter.split(' and ').map((c) => c.trim().replace(/^\((.*)\)$/, '$1'));
    const orderProperty = orderby?.split(' ')[0];
    if (orderProperty && !conditions[0]?.startsWith(orderProperty)) {
      return graphError(400, 'InefficientFilter', 'The restriction or sort order is too complex for this operation.');
    }
    let out = list;
    for (const condition of conditions) {
      const since = /^receivedDateTime ge (\S+)$/.exec(condition)?.[1];
      const flag = /^(isRead|hasAttachments) eq (true|false)$/.exec(condition);
      const sender = /^from\/emailAddress\/address eq '([^']+)'$/.exec(condition)?.[1]?.toLowerCase();
      if (since !== undefined) out = out.filter((x) => x.receivedDateTime >= since);
      else if (flag) out = out.filter((x) => String(x[flag[1] as 'isRead' | 'hasAttachments']) === flag[2]);
      else if (sender !== undefined) out = out.filter((x) => x.from?.emailAddress.address.toLowerCase() === sender);
      else return graphError(400, 'BadRequest', `Invalid filter clause: ${condition}`);
    }
    return out;
  }

  const recipientsValid = (list: unknown) =>
    Array.isArray(list) && list.every((r) => /^[^\s@]+@[^\s@]+$/.test(String((r as Address)?.emailAddress?.address)));

  const routes: [string, string, (request: ReferenceRequest) => ReferenceReply][] = [
    [
      'GET',
      '',
      () => ({ body: { id: USER.id, displayName: USER.displayName, mail: USER.mail, userPrincipalName: USER.mail } }),
    ],
    [
      'POST',
      '/sendMail',
      ({ body }) => {
        const { message, saveToSentItems } = (body ?? {}) as { message?: Partial<Mail>; saveToSentItems?: boolean };
        if (!message) return graphError(400, 'ErrorInvalidRequest', 'Message is required.');
        const all = [
          ...(message.toRecipients ?? []),
          ...(message.ccRecipients ?? []),
          ...(message.bccRecipients ?? []),
        ];
        if (all.length === 0)
          return graphError(
            400,
            'ErrorInvalidRecipients',
            'At least one recipient is not valid., Recipient is missing.',
          );
        if (!recipientsValid(all))
          return graphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
        for (const a of message.attachments ?? []) {
          if (
            (a as { '@odata.type'?: string })['@odata.type'] !== '#microsoft.graph.fileAttachment' ||
            !/^[A-Za-z0-9+/]*={0,2}$/.test(a.contentBytes)
          ) {
            return graphError(400, 'ErrorInvalidRequest', 'Invalid attachment.');
          }
        }
        const sent: Mail = {
          ...mail(message.subject ?? '', FOLDERS.sentitems as string, {
            from: address(USER.mail, USER.displayName),
            toRecipients: message.toRecipients ?? [],
            ccRecipients: message.ccRecipients ?? [],
            bccRecipients: message.bccRecipients ?? [],
            body: message.body ?? { contentType: 'text', content: '' },
            bodyPreview: preview(message.body?.content ?? ''),
            importance: message.importance ?? 'normal',
            hasAttachments: (message.attachments?.length ?? 0) > 0,
            isRead: true,
            attachments: message.attachments,
          }),
        };
        if (saveToSentItems === false) messages.splice(messages.indexOf(sent), 1);
        outbox.push(sent);
        return { status: 202 };
      },
    ],
    [
      'GET',
      '/mailFolders/:folder/messages',
      (request) => {
        const folder = folderId(request.params.folder);
        if (!folder) return graphError(404, 'ErrorInvalidIdMalformed', 'Id is malformed.');
        const top = Number(request.query.get('$top') ?? 10);
        if (!(top >= 1 && top <= 1000)) return graphError(400, 'BadRequest', `Invalid $top: ${top}`);
        const orderby = request.query.get('$orderby');
        if (orderby !== null && orderby !== 'receivedDateTime desc')
          return graphError(400, 'BadRequest', `Unsupported $orderby: ${orderby}`);
        const list = messages
          .filter((m) => m.parentFolderId === folder)
          .sort((a, b) => b.receivedDateTime.localeCompare(a.receivedDateTime));
        const kept = filtered(list, request.query.get('$filter'), orderby);
        if (!Array.isArray(kept)) return kept;
        return page(
          request,
          kept.map((m) => selected(request, m)),
          top,
        );
      },
    ],
    [
      'GET',
      '/messages/:id',
      (request) => {
        const found = messageOf(request);
        if (!found) return notFound();
        const wantsText = /outlook\.body-content-type="text"/.test(String(request.headers.prefer ?? ''));
        const body =
          wantsText && found.body.contentType === 'html'
            ? { contentType: 'text', content: preview(found.body.content) }
            : found.body;
        return { body: { ...found, body } };
      },
    ],
    [
      'POST',
      '/messages/:id/move',
      (request) => {
        const found = messageOf(request);
        if (!found) return notFound();
        const destination = folderId((request.body as { destinationId?: string } | undefined)?.destinationId);
        if (!destination) return graphError(400, 'ErrorInvalidIdMalformed', 'Id is malformed.');
        found.id = newId('AAMkAGVmMDEzMTM4');
        found.parentFolderId = destination;
        return { status: 201, body: found };
      },
    ],
    ...(['reply', 'replyAll'] as const).map((kind): [string, string, (request: ReferenceRequest) => ReferenceReply] => [
      'POST',
      `/messages/:id/${kind}`,
      (request) => {
        const found = messageOf(request);
        if (!found) return notFound();
        const comment = (request.body as { comment?: string } | undefined)?.comment;
        if (typeof comment !== 'string') return graphError(400, 'ErrorInvalidRequest', 'Comment is required.');
        const others =
          kind === 'replyAll'
            ? [...found.toRecipients, ...found.ccRecipients].filter((r) => r.emailAddress.address !== USER.mail)
            : [];
        outbox.push(
          mail(`RE: ${found.subject}`, FOLDERS.sentitems as string, {
            from: address(USER.mail, USER.displayName),
            toRecipients: [...(found.from ? [found.from] : []), ...others],
            body: { contentType: 'html', content: `${comment}<hr>${found.body.content}` },
            conversationId: found.conversationId,
            isRead: true,
          }),
        );
        return { status: 202 };
      },
    ]),
    ...['/events', '/calendars/:calendar/events'].map(
      (path): [string, string, (request: ReferenceRequest) => ReferenceReply] => [
        'POST',
        path,
        (request) => {
          const given = (request.body ?? {}) as Partial<CalendarEvent> & {
            onlineMeetingProvider?: string;
            attendees?: (Address & { type?: string })[];
          };
          if (!given.start?.dateTime || !given.end?.dateTime)
            return graphError(400, 'ErrorInvalidRequest', 'Start and End are required.');
          for (const zone of [given.start.timeZone, given.end.timeZone]) {
            if (!validZone(zone))
              return graphError(
                400,
                'TimeZoneNotSupportedException',
                `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${zone}'.`,
              );
          }
          if (toUtc(given.end.dateTime, given.end.timeZone) < toUtc(given.start.dateTime, given.start.timeZone)) {
            return graphError(400, 'ErrorInvalidRequest', 'The end date of the event must be after its start date.');
          }
          if (given.attendees && !recipientsValid(given.attendees))
            return graphError(400, 'ErrorInvalidRecipients', 'At least one attendee is not valid.');
          const id = newId('AAMkAGI1AAAt9AHj');
          const event: CalendarEvent = {
            id,
            subject: given.subject ?? '',
            start: given.start,
            end: given.end,
            isAllDay: given.isAllDay ?? false,
            location: { displayName: given.location?.displayName ?? '' },
            body: given.body ?? { contentType: 'html', content: '' },
            bodyPreview: preview(given.body?.content ?? ''),
            organizer: address(USER.mail, USER.displayName),
            attendees: (given.attendees ?? []).map((a) => ({
              ...a,
              type: a.type ?? 'required',
              status: { response: 'none', time: '0001-01-01T00:00:00Z' },
            })),
            isOnlineMeeting: given.isOnlineMeeting === true,
            onlineMeeting: given.isOnlineMeeting
              ? { joinUrl: `https://teams.microsoft.com/l/meetup-join/${id}` }
              : null,
            showAs: given.showAs ?? 'busy',
            webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
            calendarId: request.params.calendar ?? 'default',
          };
          events.push(event);
          return { status: 201, body: event };
        },
      ],
    ),
    [
      'GET',
      '/calendarView',
      (request) => {
        const from = request.query.get('startDateTime');
        const to = request.query.get('endDateTime');
        if (!from || !to || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) {
          return graphError(
            400,
            'ErrorInvalidParameter',
            'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
          );
        }
        const zone = /outlook\.timezone="([^"]+)"/.exec(String(request.headers.prefer ?? ''))?.[1] ?? 'UTC';
        if (!validZone(zone)) return graphError(400, 'TimeZoneNotSupportedException', `'${zone}' is not supported.`);
        const top = Number(request.query.get('$top') ?? 10);
        const within = events
          .filter((e) => e.calendarId === 'default')
          .filter(
            (e) =>
              toUtc(e.start.dateTime, e.start.timeZone) < Date.parse(to) &&
              toUtc(e.end.dateTime, e.end.timeZone) > Date.parse(from),
          )
          .sort((a, b) => toUtc(a.start.dateTime, a.start.timeZone) - toUtc(b.start.dateTime, b.start.timeZone))
          .map((e) => ({
            ...e,
            start: inZone(toUtc(e.start.dateTime, e.start.timeZone), zone),
            end: inZone(toUtc(e.end.dateTime, e.end.timeZone), zone),
          }));
        return page(request, within, top);
      },
    ],
    [
      'PATCH',
      '/events/:id',
      (request) => {
        const found = events.find((e) => e.id === request.params.id);
        if (!found) return notFound();
        const changes = (request.body ?? {}) as Partial<CalendarEvent>;
        Object.assign(found, changes);
        if (changes.body) found.bodyPreview = preview(changes.body.content);
        return { body: found };
      },
    ],
  ];
  for (const [method, path, answer] of routes) {
    server.route(method, `/v1.0/me${path}`, answer);
    server.route(method, `/v1.0/users/:user${path}`, answer);
  }

  return { server, url, messages, events, outbox, accessTokens, deliver, close: () => server.close() };
}
