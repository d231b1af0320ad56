import { defineConnector } from '@mova/sdk';
import { jetStreamAck } from './actions/jetstream-ack.js';
import { jetStreamFetch } from './actions/jetstream-fetch.js';
import { jetStreamPublish } from './actions/jetstream-publish.js';
import { kvDelete } from './actions/kv-delete.js';
import { kvGet } from './actions/kv-get.js';
import { kvKeys } from './actions/kv-keys.js';
import { kvPut } from './actions/kv-put.js';
import { publishMessage } from './actions/publish-message.js';
import { requestReply } from './actions/request-reply.js';
import { auth } from './auth.js';
import { newStreamMessage } from './triggers/new-stream-message.js';

export default defineConnector({
  name: 'nats',
  title: 'NATS',
  description:
    'Publish on NATS subjects, send requests and read replies, publish to JetStream streams and fetch and acknowledge their messages, and get, put, delete and list keys of key-value buckets.',
  categories: ['messaging'],
  auth,
  actions: [
    publishMessage,
    requestReply,
    jetStreamPublish,
    jetStreamFetch,
    jetStreamAck,
    kvGet,
    kvPut,
    kvDelete,
    kvKeys,
  ],
  triggers: [newStreamMessage],
  network: { allow: [], connectionHosts: ['servers'] },
});
