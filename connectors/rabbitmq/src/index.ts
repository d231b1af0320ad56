import { defineConnector } from '@mova/sdk';
import { bindQueue } from './actions/bind-queue.js';
import { declareExchange } from './actions/declare-exchange.js';
import { declareQueue } from './actions/declare-queue.js';
import { deleteQueue } from './actions/delete-queue.js';
import { getMessage } from './actions/get-message.js';
import { publishMessage } from './actions/publish-message.js';
import { purgeQueue } from './actions/purge-queue.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'rabbitmq',
  title: 'RabbitMQ',
  description:
    'Publish messages to RabbitMQ with broker confirms, take messages from queues, and declare, bind, purge and delete queues and exchanges.',
  categories: ['messaging'],
  auth,
  actions: [publishMessage, getMessage, declareQueue, purgeQueue, deleteQueue, declareExchange, bindQueue],
  network: { allow: [], connectionHosts: ['url', 'host'] },
});
