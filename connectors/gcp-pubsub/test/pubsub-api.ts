import { type KeyObject, randomBytes } from 'node:crypto';
import {
  type GoogleReferenceApi,
  type ReferenceReply,
  type ReferenceRequest,
  ReplyError,
  startGoogleReferenceApi,
} from '@mova/sdk/testing';

/**
 * A loopback Pub/Sub REST API v1 (the Pub/Sub emulator is part of the gcloud CLI, a Java program
 * not installable here), with the shapes of cloud.google.com/pubsub/docs/reference/rest:
 * - projects.topics.create (PUT), .list, .publish (PubsubMessage with base64 data, attributes,
 *   orderingKey; a message needs data or attributes; at most 1000 per request)
 * - projects.subscriptions.create (PUT, ackDeadlineSeconds 10–600), .list, .pull (ReceivedMessage
 *   with ackId), .acknowledge, .modifyAckDeadline (0 makes messages deliverable again at once)
 * - delivery as "Subscriber overview" describes: a subscription gets the messages published after
 *   it was created; a pulled message is not delivered again until its ack deadline passes.
 * - errors as AIP-193 bodies (NOT_FOUND "Resource not found (resource=…).", ALREADY_EXISTS,
 *   INVALID_ARGUMENT), every request needing a Bearer token issued by googleTokenIssuer (@mova/sdk/testing) with the
 *   pubsub scope.
 */
interface Stored {
  messageId: string;
  data?: string;
  attributes?: Record<string, string>;
  orderingKey?: string;
  publishTime: string;
}

interface Subscription {
  name: string;
  topic: string;
  ackDeadlineSeconds: number;
  filter?: string;
  enableMessageOrdering?: boolean;
  /** Messages not acknowledged yet, with the ack id and deadline of their current delivery. */
  backlog: { message: Stored; ackId?: string; deadline?: number }[];
}

export interface PubSubReference extends GoogleReferenceApi {
  topics: Map<string, { name: string; labels: Record<string, string> }>;
  subscriptions: Map<string, Subscription>;
  reset(): void;
}

const SCOPE = 'https://www.googleapis.com/auth/pubsub';
const NAME = /^[A-Za-z][A-Za-z0-9._~+%-]{2,254}$/;

export async function startPubSubApi(options: { clientEmail: string; publicKey: KeyObject }): Promise<PubSubReference> {
  const topics = new Map<string, { name: string; labels: Record<string, string> }>();
  const subscriptions = new Map<string, Subscription>();
  let nextId = 1_000_000_000_000_000;

  const server = await startGoogleReferenceApi({
    account: options,
    scope: SCOPE,
    refuse: {
      unauthenticated: error(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'),
      forbidden: error(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.'),
    },
  });

  const topicOf = (project: string | undefined, name: string) => {
    const full = `projects/${project}/topics/${name}`;
    const topic = topics.get(full);
    if (!topic) throw new ReplyError(error(404, 'NOT_FOUND', `Resource not found (resource=${name}).`));
    return topic;
  };
  const subscriptionOf = (project: string | undefined, name: string) => {
    const subscription = subscriptions.get(`projects/${project}/subscriptions/${name}`);
    if (!subscription) throw new ReplyError(error(404, 'NOT_FOUND', `Resource not found (resource=${name}).`));
    return subscription;
  };
  const split = (value: string | undefined): [string, string] => {
    const at = (value ?? '').lastIndexOf(':');
    return at < 0 ? [value ?? '', ''] : [(value ?? '').slice(0, at), (value ?? '').slice(at + 1)];
  };
  const page = <T>(request: ReferenceRequest, items: T[]) => {
    const size = Number(request.query.get('pageSize') ?? 100);
    const offset = Number(request.query.get('pageToken') ?? 0);
    const next = offset + size < items.length ? String(offset + size) : undefined;
    return { items: items.slice(offset, offset + size), next };
  };
  const resource = (subscription: Subscription) => ({
    name: subscription.name,
    topic: subscription.topic,
    pushConfig: {},
    ackDeadlineSeconds: subscription.ackDeadlineSeconds,
    messageRetentionDuration: '604800s',
    ...(subscription.filter ? { filter: subscription.filter } : {}),
    ...(subscription.enableMessageOrdering ? { enableMessageOrdering: true } : {}),
    state: 'ACTIVE',
  });
  const ackIdsOf = (request: ReferenceRequest): string[] => {
    const ackIds = (request.body as { ackIds?: unknown })?.ackIds;
    if (!Array.isArray(ackIds) || ackIds.length === 0) {
      throw new ReplyError(error(400, 'INVALID_ARGUMENT', 'You have passed an empty ack_ids list.'));
    }
    return ackIds.map(String);
  };

  const routes: [string, string, (request: ReferenceRequest) => ReferenceReply][] = [
    [
      'GET',
      '/v1/projects/:project/topics',
      (request) => {
        const prefix = `projects/${request.params.project}/topics/`;
        const { items, next } = page(
          request,
          [...topics.values()].filter((topic) => topic.name.startsWith(prefix)),
        );
        return { body: { ...(items.length ? { topics: items } : {}), ...(next ? { nextPageToken: next } : {}) } };
      },
    ],
    [
      'PUT',
      '/v1/projects/:project/topics/:topic',
      ({ params, body }) => {
        if (!NAME.test(params.topic ?? ''))
          return error(400, 'INVALID_ARGUMENT', `Invalid [topics] name: (name=${params.topic})`);
        const name = `projects/${params.project}/topics/${params.topic}`;
        if (topics.has(name))
          return error(409, 'ALREADY_EXISTS', `Resource already exists in the project (resource=${params.topic}).`);
        const topic = { name, labels: (body as { labels?: Record<string, string> })?.labels ?? {} };
        topics.set(name, topic);
        return { body: topic };
      },
    ],
    [
      'POST',
      '/v1/projects/:project/topics/:topicAction',
      (request) => {
        const [name, action] = split(request.params.topicAction);
        if (action !== 'publish') return error(404, 'NOT_FOUND', `Method not found: ${action}`);
        const topic = topicOf(request.params.project, name);
        const messages = (request.body as { messages?: Omit<Stored, 'messageId' | 'publishTime'>[] })?.messages;
        if (!Array.isArray(messages) || messages.length === 0 || messages.length > 1000) {
          return error(400, 'INVALID_ARGUMENT', 'The value for message_count is too small or too large.');
        }
        for (const message of messages) {
          if (!message.data && !message.attributes) {
            return error(400, 'INVALID_ARGUMENT', 'Some messages are empty: a message needs data or attributes.');
          }
          if (message.data && !/^[A-Za-z0-9+/]*={0,2}$/.test(message.data)) {
            return error(
              400,
              'INVALID_ARGUMENT',
              "Invalid value at 'messages[0].data' (TYPE_BYTES), Base64 decoding failed.",
            );
          }
        }
        const stored = messages.map((message) => ({
          ...message,
          messageId: String(nextId++),
          publishTime: new Date().toISOString(),
        }));
        for (const subscription of subscriptions.values()) {
          if (subscription.topic !== topic.name) continue;
          for (const message of stored) {
            const wanted = subscription.filter ? matches(subscription.filter, message.attributes ?? {}) : true;
            if (wanted) subscription.backlog.push({ message });
          }
        }
        return { body: { messageIds: stored.map((message) => message.messageId) } };
      },
    ],
    [
      'GET',
      '/v1/projects/:project/subscriptions',
      (request) => {
        const prefix = `projects/${request.params.project}/subscriptions/`;
        const { items, next } = page(
          request,
          [...subscriptions.values()].filter((s) => s.name.startsWith(prefix)),
        );
        return {
          body: {
            ...(items.length ? { subscriptions: items.map(resource) } : {}),
            ...(next ? { nextPageToken: next } : {}),
          },
        };
      },
    ],
    [
      'PUT',
      '/v1/projects/:project/subscriptions/:subscription',
      ({ params, body }) => {
        const input = (body ?? {}) as Partial<Subscription>;
        const name = `projects/${params.project}/subscriptions/${params.subscription}`;
        if (!NAME.test(params.subscription ?? ''))
          return error(400, 'INVALID_ARGUMENT', `Invalid [subscriptions] name: (name=${params.subscription})`);
        if (typeof input.topic !== 'string') return error(400, 'INVALID_ARGUMENT', 'The topic field is required.');
        const deadline = input.ackDeadlineSeconds ?? 10;
        if (deadline < 10 || deadline > 600) {
          return error(400, 'INVALID_ARGUMENT', 'Invalid ack deadline given: the value must be between 10 and 600.');
        }
        if (!topics.has(input.topic))
          return error(404, 'NOT_FOUND', `Resource not found (resource=${input.topic.split('/').at(-1)}).`);
        if (subscriptions.has(name))
          return error(
            409,
            'ALREADY_EXISTS',
            `Resource already exists in the project (resource=${params.subscription}).`,
          );
        const subscription: Subscription = {
          name,
          topic: input.topic,
          ackDeadlineSeconds: deadline,
          filter: input.filter,
          enableMessageOrdering: input.enableMessageOrdering,
          backlog: [],
        };
        subscriptions.set(name, subscription);
        return { body: resource(subscription) };
      },
    ],
    [
      'POST',
      '/v1/projects/:project/subscriptions/:subscriptionAction',
      (request) => {
        const [name, action] = split(request.params.subscriptionAction);
        const subscription = subscriptionOf(request.params.project, name);
        const now = Date.now();
        if (action === 'pull') {
          const max = Number((request.body as { maxMessages?: number })?.maxMessages);
          if (!Number.isInteger(max) || max < 1) {
            return error(400, 'INVALID_ARGUMENT', 'max_messages must be a positive integer.');
          }
          const ready = subscription.backlog
            .filter((entry) => entry.deadline === undefined || entry.deadline <= now)
            .slice(0, max);
          for (const entry of ready) {
            entry.ackId = randomBytes(18).toString('base64url');
            entry.deadline = now + subscription.ackDeadlineSeconds * 1000;
          }
          return {
            body: ready.length
              ? {
                  receivedMessages: ready.map((entry) => ({
                    ackId: entry.ackId,
                    message: {
                      ...(entry.message.data ? { data: entry.message.data } : {}),
                      ...(entry.message.attributes ? { attributes: entry.message.attributes } : {}),
                      messageId: entry.message.messageId,
                      publishTime: entry.message.publishTime,
                      ...(entry.message.orderingKey ? { orderingKey: entry.message.orderingKey } : {}),
                    },
                  })),
                }
              : {},
          };
        }
        if (action === 'acknowledge') {
          const ackIds = ackIdsOf(request);
          subscription.backlog = subscription.backlog.filter(
            (entry) => !(entry.ackId && ackIds.includes(entry.ackId) && (entry.deadline ?? 0) > now),
          );
          return { body: {} };
        }
        if (action === 'modifyAckDeadline') {
          const ackIds = ackIdsOf(request);
          const seconds = (request.body as { ackDeadlineSeconds?: number })?.ackDeadlineSeconds;
          if (typeof seconds !== 'number' || seconds < 0 || seconds > 600) {
            return error(400, 'INVALID_ARGUMENT', 'Invalid ack deadline given: the value must be between 0 and 600.');
          }
          for (const entry of subscription.backlog) {
            if (entry.ackId && ackIds.includes(entry.ackId)) entry.deadline = now + seconds * 1000;
          }
          return { body: {} };
        }
        return error(404, 'NOT_FOUND', `Method not found: ${action}`);
      },
    ],
  ];
  for (const [method, pattern, answer] of routes) server.route(method, pattern, answer);

  return Object.assign(server, {
    topics,
    subscriptions,
    reset() {
      topics.clear();
      subscriptions.clear();
    },
  });
}

/** The filter syntax's `attributes.KEY = "VALUE"` form ("Filter messages"), the one tests use. */
function matches(filter: string, attributes: Record<string, string>): boolean {
  const match = /^attributes\.([A-Za-z0-9_-]+)\s*=\s*"([^"]*)"$/.exec(filter.trim());
  return match ? attributes[match[1] ?? ''] === match[2] : false;
}

function error(code: number, status: string, message: string): ReferenceReply {
  return { status: code, body: { error: { code, message, status } } };
}
