import { defineConnector } from '@mova/sdk';
import { clearRetained } from './actions/clear-retained.js';
import { getRetained } from './actions/get-retained.js';
import { publishMessage } from './actions/publish-message.js';
import { publishMessages } from './actions/publish-messages.js';
import { takeMessages } from './actions/take-messages.js';
import { auth } from './auth.js';
import { newMessage } from './triggers/new-message.js';

export default defineConnector({
  name: 'mqtt',
  title: 'MQTT',
  description:
    'Publish to MQTT brokers (QoS 0/1/2, retained), take the next messages on a topic filter, read and clear retained values, and start workflows on new messages.',
  categories: ['messaging', 'iot'],
  auth,
  actions: [publishMessage, publishMessages, takeMessages, getRetained, clearRetained],
  triggers: [newMessage],
  network: { allow: [], connectionHosts: ['url', 'host'] },
});
