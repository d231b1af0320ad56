import { defineConnector } from '@mova/sdk';
import { sendEmail } from './actions/send-email.js';
import { sendRawEmail } from './actions/send-raw-email.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'email-smtp',
  title: 'Email (SMTP)',
  description:
    'Send email through any SMTP server (your own, Gmail, Microsoft 365, Amazon SES, Mailgun, Postfix…): text and HTML, attachments and inline images, cc/bcc, reply-to and custom headers, or a ready-made message as it is.',
  categories: ['communication', 'email'],
  auth,
  actions: [sendEmail, sendRawEmail],
  triggers: [],
  // The server is whichever one the connection's host names.
  network: { allow: [], connectionHosts: ['host'] },
});
