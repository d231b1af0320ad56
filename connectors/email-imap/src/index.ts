import { defineConnector } from '@mova/sdk';
import { appendMessage } from './actions/append-message.js';
import { deleteMessages } from './actions/delete-messages.js';
import { getMessage } from './actions/get-message.js';
import { listMailboxes } from './actions/list-mailboxes.js';
import { moveMessages } from './actions/move-messages.js';
import { searchMessages } from './actions/search-messages.js';
import { updateFlags } from './actions/update-flags.js';
import { auth } from './auth.js';
import { newMessage } from './triggers/new-message.js';

export default defineConnector({
  name: 'email-imap',
  title: 'Email (IMAP)',
  description:
    'Read and organise mail in any IMAP mailbox (Gmail, Microsoft 365, Fastmail, Dovecot, Exchange…): search, fetch messages with attachments, move, flag and unflag, delete, store messages, list mailboxes, and start workflows on new mail.',
  categories: ['communication', 'email'],
  auth,
  actions: [listMailboxes, searchMessages, getMessage, moveMessages, updateFlags, deleteMessages, appendMessage],
  triggers: [newMessage],
  // The server is whichever one the connection's host names.
  network: { allow: [], connectionHosts: ['host'] },
});
