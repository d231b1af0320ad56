// A loopback Amazon SNS for the conformance tests: no SNS server installs from npm or Debian, so
// topics and subscriptions are served here from the SNS API Reference, in the AWS query protocol
// the SDK speaks for SNS:
// - protocol: "Query requests" and "Common errors"
//   (https://docs.aws.amazon.com/sns/latest/api/CommonParameters.html,
//   https://docs.aws.amazon.com/sns/latest/api/CommonErrors.html): POST / with a form body
//   Action=<Operation>&Version=2010-03-31&…, lists and maps flattened as Name.member.N /
//   Name.entry.N.key|value; answers are XML <OperationResponse><OperationResult>… and errors
//   <ErrorResponse><Error><Type/><Code/><Message/></Error>.
// - operations: CreateTopic, ListTopics (100 per page), Publish (API_Publish.html: TopicArn,
//   TargetArn or PhoneNumber; FIFO topics need MessageGroupId and, without content-based
//   deduplication, MessageDeduplicationId; standard topics refuse both), Subscribe
//   (ReturnSubscriptionArn), ListSubscriptions and ListSubscriptionsByTopic (100 per page).
// Signatures are not recomputed, but a request must carry an AWS4-HMAC-SHA256 Authorization header
// for the expected access key, region and service "sns", else it gets 403 InvalidClientTokenId.
import { randomUUID } from 'node:crypto';
import { type ReferenceReply, type ReferenceServer, startReferenceServer } from '@mova/sdk/testing';

export const ACCOUNT = '123456789012';
const PAGE = 100;

export interface Topic {
  arn: string;
  name: string;
  fifo: boolean;
  attributes: Record<string, string>;
  published: Published[];
}

export interface Published {
  messageId: string;
  message: string;
  subject?: string;
  structure?: string;
  attributes: Record<string, { DataType: string; StringValue?: string }>;
  groupId?: string;
  dedupeId?: string;
  sequenceNumber?: string;
}

export interface Subscription {
  arn: string;
  topicArn: string;
  protocol: string;
  endpoint: string;
  attributes: Record<string, string>;
  confirmed: boolean;
}

export interface SnsReference extends ReferenceServer {
  topics: Map<string, Topic>;
  subscriptions: Subscription[];
  /** SMS messages published to phone numbers, and messages to platform endpoints. */
  direct: (Published & { phoneNumber?: string; targetArn?: string })[];
  /** The Action of every request. */
  actions: string[];
  createTopic(name: string, attributes?: Record<string, string>): Topic;
}

class SnsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type = 'Sender',
  ) {
    super(message);
  }
}

const invalid = (message: string) => new SnsError(400, 'InvalidParameter', message);

export async function startSns(expected: { accessKeyId: string; region: string }): Promise<SnsReference> {
  const scope = new RegExp(
    `^AWS4-HMAC-SHA256 Credential=${expected.accessKeyId}/\\d{8}/${expected.region}/sns/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`,
  );
  const topics = new Map<string, Topic>();
  const subscriptions: Subscription[] = [];
  const direct: SnsReference['direct'] = [];
  const actions: string[] = [];
  let sequence = 10000000000000000000n;
  const api = await startReferenceServer({
    check: (request) => {
      if (!scope.test(String(request.headers.authorization ?? ''))) {
        return failure(
          new SnsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.'),
        );
      }
      if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
        return failure(invalid('The request must be form-encoded.'));
      }
      return undefined;
    },
  });

  const topicArn = (name: string) => `arn:aws:sns:${expected.region}:${ACCOUNT}:${name}`;
  const createTopic = (name: string, attributes: Record<string, string> = {}): Topic => {
    const arn = topicArn(name);
    const existing = topics.get(arn);
    if (existing) return existing;
    const topic: Topic = { arn, name, fifo: attributes.FifoTopic === 'true', attributes, published: [] };
    topics.set(arn, topic);
    return topic;
  };
  const topicOf = (arn: string | undefined): Topic => {
    if (!arn) throw invalid('TopicArn is required');
    const topic = topics.get(arn);
    if (!topic) throw new SnsError(404, 'NotFound', 'Topic does not exist');
    return topic;
  };

  const operations: Record<string, (form: Record<string, string>) => string> = {
    CreateTopic(form) {
      const name = form.Name ?? '';
      if (!/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(name)) throw invalid('Invalid parameter: Topic Name');
      const attributes = mapOf(form, 'Attributes');
      if (name.endsWith('.fifo') !== (attributes.FifoTopic === 'true')) {
        throw invalid('Invalid parameter: Fifo Topic names must end with .fifo and must be made with FifoTopic=true');
      }
      return result('CreateTopic', `<TopicArn>${createTopic(name, attributes).arn}</TopicArn>`);
    },
    ListTopics(form) {
      const all = [...topics.keys()].sort();
      const start = form.NextToken ? Number(Buffer.from(form.NextToken, 'base64').toString()) : 0;
      const page = all.slice(start, start + PAGE);
      const next =
        start + PAGE < all.length
          ? `<NextToken>${Buffer.from(String(start + PAGE)).toString('base64')}</NextToken>`
          : '';
      return result(
        'ListTopics',
        `<Topics>${page.map((arn) => `<member><TopicArn>${arn}</TopicArn></member>`).join('')}</Topics>${next}`,
      );
    },
    Publish(form) {
      const targets = [form.TopicArn, form.TargetArn, form.PhoneNumber].filter(Boolean);
      if (targets.length !== 1) throw invalid('Invalid parameter: exactly one of TopicArn, TargetArn and PhoneNumber');
      if (!form.Message) throw invalid('Invalid parameter: Empty message');
      if (form.MessageStructure !== undefined && form.MessageStructure !== 'json')
        throw invalid('Invalid parameter: MessageStructure');
      if (form.MessageStructure === 'json') {
        const parsed: unknown = JSON.parse(form.Message);
        if (typeof parsed !== 'object' || parsed === null || !('default' in parsed)) {
          throw invalid('Invalid parameter: Message Structure - No default entry in JSON message body');
        }
      }
      const attributes = attributesOf(form);
      const message: Published = {
        messageId: randomUUID(),
        message: form.Message,
        ...(form.Subject ? { subject: form.Subject } : {}),
        ...(form.MessageStructure ? { structure: form.MessageStructure } : {}),
        attributes,
        ...(form.MessageGroupId ? { groupId: form.MessageGroupId } : {}),
        ...(form.MessageDeduplicationId ? { dedupeId: form.MessageDeduplicationId } : {}),
      };
      if (form.TopicArn) {
        const topic = topicOf(form.TopicArn);
        if (topic.fifo) {
          if (!form.MessageGroupId)
            throw invalid('Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
          if (!form.MessageDeduplicationId && topic.attributes.ContentBasedDeduplication !== 'true') {
            throw invalid(
              'Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
            );
          }
          sequence += 1n;
          message.sequenceNumber = sequence.toString();
        } else if (form.MessageGroupId || form.MessageDeduplicationId) {
          throw invalid('Invalid parameter: MessageGroupId and MessageDeduplicationId are only for FIFO topics');
        }
        topic.published.push(message);
      } else {
        if (form.PhoneNumber && !/^\+[1-9]\d{4,14}$/.test(form.PhoneNumber))
          throw invalid('Invalid parameter: PhoneNumber Reason: not in E.164 format');
        direct.push({
          ...message,
          ...(form.PhoneNumber ? { phoneNumber: form.PhoneNumber } : { targetArn: form.TargetArn }),
        });
      }
      return result(
        'Publish',
        `<MessageId>${message.messageId}</MessageId>${message.sequenceNumber ? `<SequenceNumber>${message.sequenceNumber}</SequenceNumber>` : ''}`,
      );
    },
    Subscribe(form) {
      const topic = topicOf(form.TopicArn);
      const protocol = form.Protocol ?? '';
      if (
        !['http', 'https', 'email', 'email-json', 'sms', 'sqs', 'lambda', 'application', 'firehose'].includes(protocol)
      ) {
        throw invalid('Invalid parameter: Amazon SNS does not support this protocol string');
      }
      const endpoint = form.Endpoint ?? '';
      if (protocol === 'sqs' && !endpoint.startsWith('arn:aws:sqs:'))
        throw invalid('Invalid parameter: SQS endpoint ARN');
      if (protocol === 'https' && !endpoint.startsWith('https://'))
        throw invalid('Invalid parameter: Endpoint must match the specified protocol');
      if (protocol === 'email' && !/^[^@\s]+@[^@\s]+$/.test(endpoint))
        throw invalid('Invalid parameter: Email address');
      const attributes = mapOf(form, 'Attributes');
      if (attributes.FilterPolicy) JSON.parse(attributes.FilterPolicy);
      const confirmed = ['sqs', 'lambda', 'firehose', 'application', 'sms'].includes(protocol);
      const subscription: Subscription = {
        arn: `${topic.arn}:${randomUUID()}`,
        topicArn: topic.arn,
        protocol,
        endpoint,
        attributes,
        confirmed,
      };
      subscriptions.push(subscription);
      const arn = confirmed || form.ReturnSubscriptionArn === 'true' ? subscription.arn : 'pending confirmation';
      return result('Subscribe', `<SubscriptionArn>${arn}</SubscriptionArn>`);
    },
    ListSubscriptions(form) {
      return listed('ListSubscriptions', subscriptions, form.NextToken);
    },
    ListSubscriptionsByTopic(form) {
      const topic = topicOf(form.TopicArn);
      return listed(
        'ListSubscriptionsByTopic',
        subscriptions.filter((s) => s.topicArn === topic.arn),
        form.NextToken,
      );
    },
  };

  api.route('POST', '/', (request) => {
    const form =
      typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, string>) : {};
    actions.push(form.Action ?? '');
    if (form.Version !== '2010-03-31')
      return failure(new SnsError(400, 'InvalidParameterValue', 'Version must be 2010-03-31'));
    const operation = operations[form.Action ?? ''];
    if (!operation) return failure(new SnsError(400, 'InvalidAction', `Could not find operation ${form.Action}`));
    try {
      return { headers: { 'content-type': 'text/xml' }, body: operation(form) };
    } catch (error) {
      if (error instanceof SnsError) return failure(error);
      if (error instanceof SyntaxError) return failure(invalid(`Invalid parameter: ${error.message}`));
      throw error;
    }
  });

  return Object.assign(api, { topics, subscriptions, direct, actions, createTopic });
}

function listed(action: string, all: Subscription[], token: string | undefined): string {
  const start = token ? Number(Buffer.from(token, 'base64').toString()) : 0;
  const page = all.slice(start, start + PAGE);
  const next =
    start + PAGE < all.length ? `<NextToken>${Buffer.from(String(start + PAGE)).toString('base64')}</NextToken>` : '';
  const members = page
    .map(
      (s) =>
        `<member><TopicArn>${s.topicArn}</TopicArn><Protocol>${s.protocol}</Protocol><SubscriptionArn>${s.confirmed ? s.arn : 'PendingConfirmation'}</SubscriptionArn><Owner>${ACCOUNT}</Owner><Endpoint>${xmlText(s.endpoint)}</Endpoint></member>`,
    )
    .join('');
  return result(action, `<Subscriptions>${members}</Subscriptions>${next}`);
}

/** `Name.entry.N.key` / `Name.entry.N.value` pairs of a query-protocol map. */
function mapOf(form: Record<string, string>, name: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (let i = 1; form[`${name}.entry.${i}.key`] !== undefined; i++) {
    map[form[`${name}.entry.${i}.key`] as string] = form[`${name}.entry.${i}.value`] ?? '';
  }
  return map;
}

/** MessageAttributes.entry.N.Name / .Value.DataType / .Value.StringValue. */
function attributesOf(form: Record<string, string>): Published['attributes'] {
  const attributes: Published['attributes'] = {};
  for (let i = 1; form[`MessageAttributes.entry.${i}.Name`] !== undefined; i++) {
    const prefix = `MessageAttributes.entry.${i}.Value`;
    const dataType = form[`${prefix}.DataType`];
    if (!dataType || !/^(String|Number|Binary|String\.Array)/.test(dataType))
      throw invalid('Invalid parameter: MessageAttributes DataType');
    attributes[form[`MessageAttributes.entry.${i}.Name`] as string] = {
      DataType: dataType,
      StringValue: form[`${prefix}.StringValue`],
    };
  }
  return attributes;
}

function result(action: string, inner: string): string {
  return `<${action}Response xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
}

function failure(error: SnsError): ReferenceReply {
  return {
    status: error.status,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>${error.type}</Type><Code>${error.code}</Code><Message>${xmlText(error.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  };
}

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
