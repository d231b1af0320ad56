import { defineConnector } from '@mova/sdk';
import { AWS_CONNECTION_HOSTS, AWS_HOSTS } from '@mova/sdk/aws';
import { changeVisibility } from './actions/change-visibility.js';
import { deleteMessage } from './actions/delete-message.js';
import { getQueueAttributes } from './actions/get-queue-attributes.js';
import { listQueues } from './actions/list-queues.js';
import { receiveMessages } from './actions/receive-messages.js';
import { sendMessage } from './actions/send-message.js';
import { sendMessageBatch } from './actions/send-message-batch.js';
import { auth } from './auth.js';
import { newMessages } from './triggers/new-messages.js';

export default defineConnector({
  name: 'aws-sqs',
  title: 'Amazon SQS',
  description:
    'Send messages to Amazon SQS queues (one or in batches, FIFO included), receive them with long polling, delete them or change their visibility, read queue attributes, list queues, and start workflows on new messages.',
  categories: ['messaging', 'cloud'],
  auth,
  actions: [
    listQueues,
    sendMessage,
    sendMessageBatch,
    getQueueAttributes,
    receiveMessages,
    changeVisibility,
    deleteMessage,
  ],
  triggers: [newMessages],
  // AWS's endpoints (sqs.<region>.amazonaws.com, the host of AWS queue URLs, STS); a custom
  // endpoint (ElasticMQ, LocalStack, a VPC endpoint) and a custom STS endpoint are the hosts the
  // connection names.
  network: { allow: [...AWS_HOSTS], connectionHosts: [...AWS_CONNECTION_HOSTS] },
});
