import { randomBytes } from 'node:crypto';
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

// Twilio's REST API 2010-04-01, served on loopback from the shapes its documentation gives, for
// the routes the connector calls. Requests are form-encoded (repeated keys for lists), answers JSON
// with snake_case fields and RFC 2822 dates; errors are {code, message, more_info, status}.
//   Accounts:   https://www.twilio.com/docs/iam/api/account (Fetch an Account resource)
//   Messages:   https://www.twilio.com/docs/messaging/api/message-resource (Create, Fetch, Read;
//               filters To, From, DateSent< / DateSent>, paging with PageSize, Page, PageToken)
//   Calls:      https://www.twilio.com/docs/voice/api/call-resource (Create, Fetch, Read; filters
//               To, From, Status, StartTime>)
//   Media:      https://www.twilio.com/docs/messaging/api/media-resource (Read multiple Media resources)
//   Paging:     https://www.twilio.com/docs/usage/twilios-response#pagination (next_page_uri)
//   Errors:     https://www.twilio.com/docs/api/errors (20003, 20404, 20429, 21211, 21205, 21602, 21603)
//   Auth:       https://www.twilio.com/docs/usage/requests-to-twilio (HTTP basic: Account SID and
//               Auth Token, or API key SID and secret)

export const ACCOUNT_SID = `AC${'a1'.repeat(16)}`;
export const AUTH_TOKEN = 'test-auth-token';
export const API_KEY_SID = `SK${'b2'.repeat(16)}`;
export const API_KEY_SECRET = 'test-api-key-secret';
/** Twilio's magic test number that is not a mobile number (21614). */
export const NOT_MOBILE = '+15005550009';

export type Resource = Record<string, unknown>;

export interface TwilioReference {
  api: ReferenceServer;
  messages: Resource[];
  /** Media of each message, by message SID. */
  media: Map<string, Resource[]>;
  calls: Resource[];
  /** A message as Twilio records one a phone sent to your number. */
  receive(message: { from: string; to: string; body: string; at?: Date; media?: string[] }): Resource;
  /** The form fields of a request, with every value of a repeated key. */
  form(request: ReferenceRequest): URLSearchParams;
  close(): Promise<void>;
}

const E164 = /^(whatsapp:)?\+[1-9][0-9]{6,14}$/;

/** RFC 2822 as Twilio writes it: `Thu, 24 Aug 2023 05:01:45 +0000`. */
export function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

function sid(prefix: string): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}

function error(status: number, code: number, message: string): ReferenceReply {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

export async function startTwilio(): Promise<TwilioReference> {
  const messages: Resource[] = [];
  const media = new Map<string, Resource[]>();
  const calls: Resource[] = [];
  const base = `/2010-04-01/Accounts/${ACCOUNT_SID}`;
  const api = await startReferenceServer({
    check(request) {
      const [scheme, encoded = ''] = String(request.headers.authorization ?? '').split(' ');
      const [user, secret] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
      const valid =
        scheme === 'Basic' &&
        ((user === ACCOUNT_SID && secret === AUTH_TOKEN) || (user === API_KEY_SID && secret === API_KEY_SECRET));
      if (!valid) return error(401, 20003, 'Authenticate');
      if (!request.path.startsWith(`${base}.json`) && !request.path.startsWith(`${base}/`)) {
        return error(404, 20404, `The requested resource ${request.path} was not found`);
      }
      if (request.method === 'POST' && request.headers['content-type'] !== 'application/x-www-form-urlencoded') {
        return error(400, 20001, 'Requests must be application/x-www-form-urlencoded');
      }
      return undefined;
    },
  });
  const form = (request: ReferenceRequest) => new URLSearchParams(request.rawBody.toString('utf8'));
  const stamp = (at = new Date()) => rfc2822(at);

  api.route('GET', `${base}.json`, () => ({
    body: {
      sid: ACCOUNT_SID,
      friendly_name: 'MOVA test account',
      status: 'active',
      type: 'Full',
      owner_account_sid: ACCOUNT_SID,
      date_created: stamp(new Date('2024-01-02T03:04:05Z')),
      date_updated: stamp(new Date('2024-01-02T03:04:05Z')),
      uri: `${base}.json`,
    },
  }));

  const message = (
    fields: Partial<Resource> & { from: string; to: string; body: string; direction: string },
    at = new Date(),
  ) => {
    const messageSid = sid(Number(fields.num_media ?? 0) > 0 ? 'MM' : 'SM');
    const resource: Resource = {
      account_sid: ACCOUNT_SID,
      api_version: '2010-04-01',
      date_created: stamp(at),
      date_sent: fields.direction === 'inbound' ? stamp(at) : null,
      date_updated: stamp(at),
      error_code: null,
      error_message: null,
      messaging_service_sid: null,
      num_media: '0',
      num_segments: String(Math.max(1, Math.ceil(fields.body.length / 160))),
      price: null,
      price_unit: 'USD',
      sid: messageSid,
      status: fields.direction === 'inbound' ? 'received' : 'queued',
      uri: `${base}/Messages/${messageSid}.json`,
      subresource_uris: { media: `${base}/Messages/${messageSid}/Media.json` },
      ...fields,
    };
    messages.unshift(resource);
    return resource;
  };

  api.route('POST', `${base}/Messages.json`, (request) => {
    const fields = form(request);
    const to = fields.get('To');
    const from = fields.get('From');
    const service = fields.get('MessagingServiceSid');
    const media = fields.getAll('MediaUrl');
    if (!to) return error(400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to)) return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (to === NOT_MOBILE) return error(400, 21614, `'To' number ${to} is not a valid mobile number`);
    if (!from && !service)
      return error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message");
    if (!fields.get('Body') && media.length === 0 && !fields.get('ContentSid')) {
      return error(400, 21602, 'Message body is required.');
    }
    if (from && from.startsWith('whatsapp:') !== to.startsWith('whatsapp:')) {
      return error(400, 63007, 'Twilio could not find a Channel with the specified From address');
    }
    const resource = message({
      from: from ?? '+15017250604',
      to,
      body: fields.get('Body') ?? '',
      direction: 'outbound-api',
      num_media: String(media.length),
      messaging_service_sid: service ?? null,
    });
    return { status: 201, body: resource };
  });

  api.route('GET', `${base}/Messages/:sid/Media.json`, (request) => {
    const found = messages.find((entry) => entry.sid === request.params.sid);
    if (!found) return error(404, 20404, `The requested resource ${request.path} was not found`);
    const list = media.get(String(found.sid)) ?? [];
    return { body: listPage('media_list', `Messages/${found.sid}/Media`, list, request) };
  });

  api.route('GET', `${base}/Messages/:sid`, ({ params, path }) => {
    const found = messages.find((entry) => `${entry.sid}.json` === params.sid);
    return found ? { body: found } : error(404, 20404, `The requested resource ${path} was not found`);
  });

  api.route('GET', `${base}/Messages.json`, (request) => {
    const { query } = request;
    const after = query.get('DateSent>');
    const before = query.get('DateSent<');
    const sentAt = (entry: Resource) => Date.parse(String(entry.date_sent ?? entry.date_created));
    const matching = messages.filter(
      (entry) =>
        (!query.get('To') || entry.to === query.get('To')) &&
        (!query.get('From') || entry.from === query.get('From')) &&
        (!after || sentAt(entry) >= Date.parse(after)) &&
        (!before || sentAt(entry) <= Date.parse(before)),
    );
    return { body: listPage('messages', 'Messages', matching, request) };
  });

  api.route('POST', `${base}/Calls.json`, (request) => {
    const fields = form(request);
    const to = fields.get('To');
    const from = fields.get('From');
    if (!to) return error(400, 21201, 'No called number is specified');
    if (!E164.test(to)) return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!from) return error(400, 21213, 'No caller id is specified');
    if (!fields.get('Url') && !fields.get('Twiml') && !fields.get('ApplicationSid')) {
      return error(400, 21205, 'Url parameter is required.');
    }
    const callSid = sid('CA');
    const now = new Date();
    const resource: Resource = {
      sid: callSid,
      account_sid: ACCOUNT_SID,
      api_version: '2010-04-01',
      to,
      to_formatted: to,
      from,
      from_formatted: from,
      status: 'queued',
      direction: 'outbound-api',
      duration: null,
      answered_by: null,
      parent_call_sid: null,
      price: null,
      price_unit: 'USD',
      start_time: null,
      end_time: null,
      date_created: stamp(now),
      date_updated: stamp(now),
      queue_time: '0',
      uri: `${base}/Calls/${callSid}.json`,
    };
    calls.unshift(resource);
    return { status: 201, body: resource };
  });

  api.route('GET', `${base}/Calls/:sid`, ({ params, path }) => {
    const found = calls.find((entry) => `${entry.sid}.json` === params.sid);
    return found ? { body: found } : error(404, 20404, `The requested resource ${path} was not found`);
  });

  api.route('GET', `${base}/Calls.json`, (request) => {
    const { query } = request;
    const after = query.get('StartTime>');
    const matching = calls.filter(
      (entry) =>
        (!query.get('To') || entry.to === query.get('To')) &&
        (!query.get('From') || entry.from === query.get('From')) &&
        (!query.get('Status') || entry.status === query.get('Status')) &&
        (!after || (entry.start_time !== null && Date.parse(String(entry.start_time)) >= Date.parse(after))),
    );
    return { body: listPage('calls', 'Calls', matching, request) };
  });

  /** One page of a list answer, with next_page_uri keeping the filters (as Twilio's do). */
  function listPage(key: string, resource: string, matching: Resource[], request: ReferenceRequest) {
    const pageSize = Number(request.query.get('PageSize') ?? '50');
    const page = Number(request.query.get('Page') ?? '0');
    const slice = matching.slice(page * pageSize, (page + 1) * pageSize);
    const query = (n: number) => {
      const params = new URLSearchParams(request.query);
      params.set('PageSize', String(pageSize));
      params.set('Page', String(n));
      const last = matching[n * pageSize - 1];
      if (n > 0 && last) params.set('PageToken', `PA${String(last.sid)}`);
      else params.delete('PageToken');
      return `${base}/${resource}.json?${params}`;
    };
    const more = (page + 1) * pageSize < matching.length;
    return {
      [key]: slice,
      end: page * pageSize + Math.max(slice.length - 1, 0),
      first_page_uri: query(0),
      next_page_uri: more ? query(page + 1) : null,
      previous_page_uri: page > 0 ? query(page - 1) : null,
      page,
      page_size: pageSize,
      start: page * pageSize,
      uri: `${base}/${resource}.json?${request.query}`,
    };
  }

  return {
    api,
    messages,
    media,
    calls,
    form,
    receive: ({ from, to, body, at, media: types = [] }) => {
      const received = message({ from, to, body, direction: 'inbound', num_media: String(types.length) }, at);
      const messageSid = String(received.sid);
      media.set(
        messageSid,
        types.map((contentType) => {
          const mediaSid = sid('ME');
          return {
            account_sid: ACCOUNT_SID,
            content_type: contentType,
            date_created: stamp(at),
            date_updated: stamp(at),
            parent_sid: messageSid,
            sid: mediaSid,
            uri: `${base}/Messages/${messageSid}/Media/${mediaSid}.json`,
          };
        }),
      );
      return received;
    },
    close: () => api.close(),
  };
}
