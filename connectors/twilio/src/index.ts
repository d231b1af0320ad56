import { defineConnector } from '@mova/sdk';
import { createCall } from './actions/create-call.js';
import { getCall } from './actions/get-call.js';
import { getMessage } from './actions/get-message.js';
import { listCalls } from './actions/list-calls.js';
import { listMedia } from './actions/list-media.js';
import { listMessages } from './actions/list-messages.js';
import { sendMessage } from './actions/send-message.js';
import { auth } from './auth.js';
import { inboundMessage } from './triggers/inbound-message.js';

export default defineConnector({
  name: 'twilio',
  title: 'Twilio',
  description:
    'Send SMS, MMS and WhatsApp messages, read and list messages and their media, place, read and list phone calls with Twilio, and start workflows on inbound messages.',
  categories: ['communication', 'sms'],
  auth,
  actions: [sendMessage, getMessage, listMessages, listMedia, createCall, getCall, listCalls],
  triggers: [inboundMessage],
  // api.twilio.com, and regional/edge hosts such as api.dublin.ie1.twilio.com; apiUrl names a proxy.
  network: { allow: ['api.twilio.com', '*.twilio.com'], connectionHosts: ['apiUrl'] },
});
