import { defineConnector } from '@mova/sdk';
import { acknowledgeMessages } from './actions/acknowledge-messages.js';
import { createSubscription } from './actions/create-subscription.js';
import { createTopic } from './actions/create-topic.js';
import { listSubscriptions } from './actions/list-subscriptions.js';
import { listTopics } from './actions/list-topics.js';
import { modifyAckDeadline } from './actions/modify-ack-deadline.js';
import { publishMessages } from './actions/publish-messages.js';
import { pullMessages } from './actions/pull-messages.js';
import { auth } from './auth.js';
import { newMessages } from './triggers/new-messages.js';

export default defineConnector({
  name: 'gcp-pubsub',
  title: 'Google Cloud Pub/Sub',
  description:
    'Publish messages to Pub/Sub topics, pull, acknowledge and release them from subscriptions, list and create topics and subscriptions, and start workflows on new messages.',
  categories: ['messaging', 'cloud'],
  auth,
  actions: [
    publishMessages,
    pullMessages,
    acknowledgeMessages,
    modifyAckDeadline,
    listTopics,
    createTopic,
    listSubscriptions,
    createSubscription,
  ],
  triggers: [newMessages],
  network: {
    allow: ['pubsub.googleapis.com', 'oauth2.googleapis.com'],
    // Regional, Private Service Connect and test endpoints: the hosts the connection names.
    connectionHosts: ['apiUrl', 'tokenUrl'],
  },
});
