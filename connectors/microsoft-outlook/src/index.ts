import { defineConnector } from '@mova/sdk';
import { GRAPH_HOSTS } from '@mova/sdk/microsoft';
import { createEvent } from './actions/create-event.js';
import { getMail } from './actions/get-mail.js';
import { listEvents } from './actions/list-events.js';
import { listMail } from './actions/list-mail.js';
import { moveMail } from './actions/move-mail.js';
import { replyToMail } from './actions/reply-to-mail.js';
import { sendMail } from './actions/send-mail.js';
import { updateEvent } from './actions/update-event.js';
import { auth } from './auth.js';
import { newMail } from './triggers/new-mail.js';

export default defineConnector({
  name: 'microsoft-outlook',
  title: 'Microsoft Outlook',
  description:
    'Send, list, read, move and reply to Outlook mail, create, list and update calendar events, and start workflows on new mail, through Microsoft Graph.',
  categories: ['communication', 'email', 'calendar'],
  auth,
  actions: [sendMail, listMail, getMail, replyToMail, moveMail, createEvent, listEvents, updateEvent],
  triggers: [newMail],
  // Graph and Entra ID sign-in in every national cloud; a proxy or another sign-in host comes from the connection.
  network: { allow: [...GRAPH_HOSTS], connectionHosts: ['graphUrl', 'loginUrl'] },
});
