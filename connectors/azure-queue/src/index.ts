import { defineConnector } from '@mova/sdk';
import { createQueue } from './actions/create-queue.js';
import { deleteMessage } from './actions/delete-message.js';
import { deleteQueue } from './actions/delete-queue.js';
import { getQueue } from './actions/get-queue.js';
import { listQueues } from './actions/list-queues.js';
import { peekMessages } from './actions/peek-messages.js';
import { receiveMessages } from './actions/receive-messages.js';
import { sendMessage } from './actions/send-message.js';
import { updateMessage } from './actions/update-message.js';
import { auth } from './auth.js';
import { PUBLIC_QUEUE_HOSTS } from './client.js';
import { newMessages } from './triggers/new-messages.js';

export default defineConnector({
  name: 'azure-queue',
  title: 'Azure Queue Storage',
  description:
    'Send, receive, peek at, update and delete messages in Azure Storage queues (optionally base64-encoded, as Azure Functions expect), list, inspect, create and delete queues, and start workflows on new messages.',
  categories: ['messaging', 'cloud'],
  auth,
  actions: [
    sendMessage,
    receiveMessages,
    peekMessages,
    deleteMessage,
    updateMessage,
    listQueues,
    getQueue,
    createQueue,
    deleteQueue,
  ],
  triggers: [newMessages],
  network: {
    allow: [PUBLIC_QUEUE_HOSTS, 'login.microsoftonline.com'],
    // Sovereign clouds, private endpoints and emulators: the hosts the connection names.
    connectionHosts: ['accountUrl', 'authorityHost'],
  },
});
