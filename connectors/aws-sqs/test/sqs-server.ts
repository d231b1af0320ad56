// A loopback Amazon SQS for the conformance tests: no SQS server runs on this machine (ElasticMQ
// and LocalStack need a JVM or Docker image from outside npm and Debian), so the queue semantics
// are served here from the SQS API Reference, in the AWS JSON 1.0 protocol the SDK speaks:
// - protocol: "Making query API requests using AWS JSON protocol"
//   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-json.html):
//   POST / with Content-Type application/x-amz-json-1.0 and X-Amz-Target AmazonSQS.<Operation>;
//   errors are 400 with {"__type":"com.amazonaws.sqs#<Code>","message":…} and the query-protocol
//   code in x-amzn-query-error.
// - operations (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_Operations.html):
//   ListQueues, GetQueueUrl, GetQueueAttributes, SendMessage, SendMessageBatch, ReceiveMessage
//   (visibility timeout, long polling), DeleteMessage, DeleteMessageBatch, ChangeMessageVisibility;
//   FIFO queues need MessageGroupId and drop a repeated MessageDeduplicationId.
// - MD5OfMessageAttributes: "Calculating the MD5 message digest for message attributes"
//   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html).
// Signatures are not recomputed, but a request must carry an AWS4-HMAC-SHA256 Authorization header
// for the expected access key, region and service "sqs", else it gets 400 InvalidClientTokenId.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ReferenceReply, type ReferenceServer, startReferenceServer } from '@mova/sdk/testing';

export const ACCOUNT = '123456789012';

interface Attribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

interface StoredMessage {
  id: string;
  body: string;
  attributes: Record<string, Attribute>;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  receiptHandle?: string;
  groupId?: string;
  dedupeId?: string;
  sequenceNumber?: string;
}

export interface Queue {
  name: string;
  url: string;
  fifo: boolean;
  visibilityTimeout: number;
  messages: StoredMessage[];
  dedupeIds: Set<string>;
}

export interface SqsReference extends ReferenceServer {
  queues: Map<string, Queue>;
  /** X-Amz-Target of every request, e.g. AmazonSQS.SendMessage. */
  targets: string[];
  createQueue(name: string, options?: { visibilityTimeout?: number }): Queue;
}

class SqsError extends Error {
  constructor(
    readonly code: string,
    readonly queryCode: string,
    message: string,
  ) {
    super(message);
  }
}

const missing = (name: string) =>
  new SqsError('MissingParameter', 'MissingParameter', `The request must contain the parameter ${name}.`);
const invalid = (message: string) => new SqsError('InvalidParameterValue', 'InvalidParameterValue', message);

export async function startSqs(expected: { accessKeyId: string; region: string }): Promise<SqsReference> {
  const scope = new RegExp(
    `^AWS4-HMAC-SHA256 Credential=${expected.accessKeyId}/\\d{8}/${expected.region}/sqs/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`,
  );
  const queues = new Map<string, Queue>();
  const targets: string[] = [];
  let sequence = 10000000000000000000n;
  const api = await startReferenceServer({
    check: (request) => {
      if (!scope.test(String(request.headers.authorization ?? ''))) {
        return failure(
          new SqsError(
            'InvalidClientTokenId',
            'InvalidClientTokenId;Sender',
            'The security token included in the request is invalid.',
          ),
        );
      }
      if (request.headers['content-type'] !== 'application/x-amz-json-1.0') {
        return failure(invalid('Content-Type must be application/x-amz-json-1.0'));
      }
      return undefined;
    },
  });

  const queueOf = (input: Record<string, unknown>): Queue => {
    if (typeof input.QueueUrl !== 'string') throw missing('QueueUrl');
    // Queues are found by their path (/<account>/<name>), as SQS does behind any endpoint.
    const name = new URL(input.QueueUrl).pathname.split('/')[2] ?? '';
    const queue = queues.get(name);
    if (!queue)
      throw new SqsError(
        'QueueDoesNotExist',
        'AWS.SimpleQueueService.NonExistentQueue;Sender',
        'The specified queue does not exist.',
      );
    return queue;
  };

  const send = (queue: Queue, entry: Record<string, unknown>) => {
    if (typeof entry.MessageBody !== 'string' || entry.MessageBody === '') throw missing('MessageBody');
    const attributes = (entry.MessageAttributes ?? {}) as Record<string, Attribute>;
    for (const [name, value] of Object.entries(attributes)) {
      if (!/^(String|Number|Binary)(\..+)?$/.test(value.DataType ?? ''))
        throw invalid(`The type of message attribute ${name} is invalid.`);
      if (value.DataType.startsWith('Number') && Number.isNaN(Number(value.StringValue))) {
        throw invalid(`Can't cast the value of message attribute ${name} to a number.`);
      }
    }
    const delay = Number(entry.DelaySeconds ?? 0);
    if (!Number.isInteger(delay) || delay < 0 || delay > 900) throw invalid('DelaySeconds must be between 0 and 900.');
    const groupId = entry.MessageGroupId as string | undefined;
    const dedupeId = entry.MessageDeduplicationId as string | undefined;
    if (queue.fifo && !groupId) throw missing('MessageGroupId');
    if (queue.fifo && !dedupeId) {
      throw invalid(
        'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      );
    }
    if (queue.fifo && entry.DelaySeconds !== undefined) throw invalid('FIFO queues do not support per-message delays.');
    const message: StoredMessage = {
      id: randomUUID(),
      body: entry.MessageBody,
      attributes,
      sentAt: Date.now(),
      visibleAt: Date.now() + delay * 1000,
      receiveCount: 0,
      groupId,
      dedupeId,
    };
    if (queue.fifo) {
      sequence += 1n;
      message.sequenceNumber = sequence.toString();
      if (dedupeId && queue.dedupeIds.has(dedupeId)) return { message, duplicate: true };
      if (dedupeId) queue.dedupeIds.add(dedupeId);
    }
    queue.messages.push(message);
    return { message, duplicate: false };
  };

  const sentShape = (message: StoredMessage) => ({
    MessageId: message.id,
    MD5OfMessageBody: md5(message.body),
    ...(Object.keys(message.attributes).length ? { MD5OfMessageAttributes: attributesMd5(message.attributes) } : {}),
    ...(message.sequenceNumber ? { SequenceNumber: message.sequenceNumber } : {}),
  });

  const inFlight = (queue: Queue, handle: unknown) => {
    if (typeof handle !== 'string' || handle === '') throw missing('ReceiptHandle');
    const message = queue.messages.find((m) => m.receiptHandle === handle);
    if (!message)
      throw new SqsError(
        'ReceiptHandleIsInvalid',
        'ReceiptHandleIsInvalid;Sender',
        `The input receipt handle "${handle}" is not a valid receipt handle.`,
      );
    return message;
  };

  const operations: Record<string, (input: Record<string, unknown>) => Promise<unknown> | unknown> = {
    ListQueues(input) {
      const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
      if (input.NextToken !== undefined && input.MaxResults === undefined)
        throw invalid('MaxResults is required with NextToken.');
      const all = [...queues.values()]
        .filter((q) => q.name.startsWith(prefix))
        .map((q) => q.url)
        .sort();
      const start = input.NextToken ? Number(Buffer.from(String(input.NextToken), 'base64').toString()) : 0;
      const max = input.MaxResults === undefined ? 1000 : Number(input.MaxResults);
      if (max < 1 || max > 1000) throw invalid('MaxResults must be between 1 and 1000.');
      const page = all.slice(start, start + max);
      const next = start + max < all.length ? Buffer.from(String(start + max)).toString('base64') : undefined;
      return {
        ...(page.length ? { QueueUrls: page } : {}),
        ...(next && input.MaxResults !== undefined ? { NextToken: next } : {}),
      };
    },
    GetQueueUrl(input) {
      if (typeof input.QueueName !== 'string') throw missing('QueueName');
      const queue = queues.get(input.QueueName);
      if (!queue)
        throw new SqsError(
          'QueueDoesNotExist',
          'AWS.SimpleQueueService.NonExistentQueue;Sender',
          'The specified queue does not exist.',
        );
      return { QueueUrl: queue.url };
    },
    GetQueueAttributes(input) {
      const queue = queueOf(input);
      const now = Date.now();
      const all: Record<string, string> = {
        QueueArn: `arn:aws:sqs:${expected.region}:${ACCOUNT}:${queue.name}`,
        ApproximateNumberOfMessages: String(queue.messages.filter((m) => m.visibleAt <= now).length),
        ApproximateNumberOfMessagesNotVisible: String(
          queue.messages.filter((m) => m.receiptHandle && m.visibleAt > now).length,
        ),
        ApproximateNumberOfMessagesDelayed: String(
          queue.messages.filter((m) => !m.receiptHandle && m.visibleAt > now).length,
        ),
        VisibilityTimeout: String(queue.visibilityTimeout),
        MessageRetentionPeriod: '345600',
        MaximumMessageSize: '262144',
        DelaySeconds: '0',
        ReceiveMessageWaitTimeSeconds: '0',
        CreatedTimestamp: '1741111200',
        LastModifiedTimestamp: '1741111200',
        SqsManagedSseEnabled: 'true',
        ...(queue.fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'false' } : {}),
      };
      const names = (input.AttributeNames as string[] | undefined) ?? [];
      const wanted = names.includes('All')
        ? all
        : Object.fromEntries(Object.entries(all).filter(([name]) => names.includes(name)));
      return { Attributes: wanted };
    },
    SendMessage(input) {
      const { message } = send(queueOf(input), input);
      return sentShape(message);
    },
    SendMessageBatch(input) {
      const queue = queueOf(input);
      const entries = (input.Entries as Record<string, unknown>[] | undefined) ?? [];
      if (entries.length === 0)
        throw new SqsError(
          'EmptyBatchRequest',
          'AWS.SimpleQueueService.EmptyBatchRequest;Sender',
          'There should be at least one SendMessageBatchRequestEntry in the request.',
        );
      if (entries.length > 10)
        throw new SqsError(
          'TooManyEntriesInBatchRequest',
          'AWS.SimpleQueueService.TooManyEntriesInBatchRequest;Sender',
          `Maximum number of entries per request are 10. You have sent ${entries.length}.`,
        );
      if (new Set(entries.map((e) => e.Id)).size !== entries.length)
        throw new SqsError(
          'BatchEntryIdsNotDistinct',
          'AWS.SimpleQueueService.BatchEntryIdsNotDistinct;Sender',
          'Id must be distinct.',
        );
      const Successful: unknown[] = [];
      const Failed: unknown[] = [];
      for (const entry of entries) {
        try {
          Successful.push({ Id: entry.Id, ...sentShape(send(queue, entry).message) });
        } catch (error) {
          if (!(error instanceof SqsError)) throw error;
          Failed.push({ Id: entry.Id, SenderFault: true, Code: error.code, Message: error.message });
        }
      }
      return { Successful, Failed };
    },
    async ReceiveMessage(input) {
      const queue = queueOf(input);
      const max = Number(input.MaxNumberOfMessages ?? 1);
      if (!Number.isInteger(max) || max < 1 || max > 10)
        throw invalid(
          'Value for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
        );
      const wait = Number(input.WaitTimeSeconds ?? 0);
      if (wait < 0 || wait > 20)
        throw invalid('Value for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.');
      const timeout = Number(input.VisibilityTimeout ?? queue.visibilityTimeout);
      const deadline = Date.now() + wait * 1000;
      let ready: StoredMessage[] = [];
      for (;;) {
        const now = Date.now();
        ready = queue.messages.filter((m) => m.visibleAt <= now).slice(0, max);
        if (ready.length > 0 || now >= deadline) break;
        await sleep(25);
      }
      const systemNames = [
        ...((input.MessageSystemAttributeNames as string[]) ?? []),
        ...((input.AttributeNames as string[]) ?? []),
      ];
      const attributeNames = (input.MessageAttributeNames as string[] | undefined) ?? [];
      const now = Date.now();
      const Messages = ready.map((m) => {
        m.receiveCount++;
        m.firstReceivedAt ??= now;
        m.visibleAt = now + timeout * 1000;
        m.receiptHandle = randomBytes(48).toString('base64');
        const system: Record<string, string> = {
          SenderId: 'AIDAIENQZJOLO23YVJ4VO',
          SentTimestamp: String(m.sentAt),
          ApproximateReceiveCount: String(m.receiveCount),
          ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt),
          ...(m.groupId ? { MessageGroupId: m.groupId } : {}),
          ...(m.dedupeId ? { MessageDeduplicationId: m.dedupeId } : {}),
          ...(m.sequenceNumber ? { SequenceNumber: m.sequenceNumber } : {}),
        };
        const attributes = attributeNames.includes('All')
          ? m.attributes
          : Object.fromEntries(Object.entries(m.attributes).filter(([name]) => attributeNames.includes(name)));
        return {
          MessageId: m.id,
          ReceiptHandle: m.receiptHandle,
          MD5OfBody: md5(m.body),
          Body: m.body,
          ...(systemNames.length
            ? {
                Attributes: systemNames.includes('All')
                  ? system
                  : Object.fromEntries(Object.entries(system).filter(([n]) => systemNames.includes(n))),
              }
            : {}),
          ...(Object.keys(attributes).length
            ? { MessageAttributes: attributes, MD5OfMessageAttributes: attributesMd5(attributes) }
            : {}),
        };
      });
      return Messages.length ? { Messages } : {};
    },
    DeleteMessage(input) {
      const queue = queueOf(input);
      const message = inFlight(queue, input.ReceiptHandle);
      queue.messages.splice(queue.messages.indexOf(message), 1);
      return {};
    },
    DeleteMessageBatch(input) {
      const queue = queueOf(input);
      const entries = (input.Entries as Record<string, unknown>[] | undefined) ?? [];
      if (entries.length === 0 || entries.length > 10) throw invalid('DeleteMessageBatch takes 1 to 10 entries.');
      const Successful: unknown[] = [];
      const Failed: unknown[] = [];
      for (const entry of entries) {
        try {
          const message = inFlight(queue, entry.ReceiptHandle);
          queue.messages.splice(queue.messages.indexOf(message), 1);
          Successful.push({ Id: entry.Id });
        } catch (error) {
          if (!(error instanceof SqsError)) throw error;
          Failed.push({ Id: entry.Id, SenderFault: true, Code: error.code, Message: error.message });
        }
      }
      return { Successful, Failed };
    },
    ChangeMessageVisibility(input) {
      const queue = queueOf(input);
      const message = inFlight(queue, input.ReceiptHandle);
      const timeout = Number(input.VisibilityTimeout);
      if (input.VisibilityTimeout === undefined) throw missing('VisibilityTimeout');
      if (!Number.isInteger(timeout) || timeout < 0 || timeout > 43200)
        throw invalid('VisibilityTimeout must be between 0 and 43200.');
      if (message.visibleAt <= Date.now()) {
        throw new SqsError(
          'MessageNotInflight',
          'AWS.SimpleQueueService.MessageNotInflight;Sender',
          'The message referred to is not in flight.',
        );
      }
      message.visibleAt = Date.now() + timeout * 1000;
      return {};
    },
  };

  api.route('POST', '/', async (request) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    targets.push(target);
    const operation = target.startsWith('AmazonSQS.') ? operations[target.slice('AmazonSQS.'.length)] : undefined;
    if (!operation)
      return failure(
        new SqsError('UnknownOperationException', 'UnknownOperation;Sender', `Unknown operation ${target}`),
      );
    if (typeof request.body !== 'object' || request.body === null)
      return failure(invalid('The request body must be a JSON object.'));
    try {
      return {
        headers: { 'content-type': 'application/x-amz-json-1.0' },
        body: JSON.stringify(await operation(request.body as Record<string, unknown>)),
      };
    } catch (error) {
      if (error instanceof SqsError) return failure(error);
      throw error;
    }
  });

  return Object.assign(api, {
    queues,
    targets,
    createQueue(name: string, options: { visibilityTimeout?: number } = {}) {
      const queue: Queue = {
        name,
        url: `${api.url}/${ACCOUNT}/${name}`,
        fifo: name.endsWith('.fifo'),
        visibilityTimeout: options.visibilityTimeout ?? 30,
        messages: [],
        dedupeIds: new Set(),
      };
      queues.set(name, queue);
      return queue;
    },
  });
}

function failure(error: SqsError): ReferenceReply {
  return {
    status: 400,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-query-error': error.queryCode.includes(';') ? error.queryCode : `${error.queryCode};Sender`,
    },
    body: JSON.stringify({ __type: `com.amazonaws.sqs#${error.code}`, message: error.message }),
  };
}

function md5(text: string | Buffer): string {
  return createHash('md5').update(text).digest('hex');
}

/** MD5 of message attributes: each, by name, as length-prefixed name, type, transport byte and value. */
function attributesMd5(attributes: Record<string, Attribute>): string {
  const parts: Buffer[] = [];
  const prefixed = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    parts.push(length, bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const value = attributes[name] as Attribute;
    prefixed(Buffer.from(name, 'utf8'));
    prefixed(Buffer.from(value.DataType, 'utf8'));
    if (value.BinaryValue !== undefined) {
      parts.push(Buffer.from([2]));
      prefixed(Buffer.from(value.BinaryValue, 'base64'));
    } else {
      parts.push(Buffer.from([1]));
      prefixed(Buffer.from(value.StringValue ?? '', 'utf8'));
    }
  }
  return md5(Buffer.concat(parts));
}
