import { defineConnector } from '@mova/sdk';
import { AWS_CONNECTION_HOSTS, AWS_HOSTS } from '@mova/sdk/aws';
import { createTopic } from './actions/create-topic.js';
import { listSubscriptions } from './actions/list-subscriptions.js';
import { listTopics } from './actions/list-topics.js';
import { publish } from './actions/publish.js';
import { subscribe } from './actions/subscribe.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'aws-sns',
  title: 'Amazon SNS',
  description:
    'Publish messages to Amazon SNS topics (FIFO included), phone numbers (SMS) and mobile endpoints, create topics, subscribe queues, functions, URLs and addresses to them, and list topics and subscriptions.',
  categories: ['messaging', 'notifications', 'cloud'],
  auth,
  actions: [createTopic, listTopics, publish, subscribe, listSubscriptions],
  // AWS's endpoints (sns.<region>.amazonaws.com, STS); a custom endpoint (LocalStack, a VPC
  // endpoint) and a custom STS endpoint are the hosts the connection names.
  network: { allow: [...AWS_HOSTS], connectionHosts: [...AWS_CONNECTION_HOSTS] },
});
