import { defineConnector } from '@mova/sdk';
import { addReaction } from './actions/add-reaction.js';
import { findUserByEmail } from './actions/find-user-by-email.js';
import { listConversations } from './actions/list-conversations.js';
import { postMessage } from './actions/post-message.js';
import { readHistory } from './actions/read-history.js';
import { updateMessage } from './actions/update-message.js';
import { uploadFile } from './actions/upload-file.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'slack',
  title: 'Slack',
  description: 'Post and update messages, read channels, react, find users and share files in Slack.',
  categories: ['communication', 'chat'],
  auth,
  actions: [postMessage, updateMessage, listConversations, readHistory, addReaction, findUserByEmail, uploadFile],
  // GovSlack's hosts (slack-gov.com and the upload hosts under it) beside commercial Slack's; an API
  // root elsewhere (a proxy) is reached through the connection's apiUrl.
  network: { allow: ['slack.com', '*.slack.com', 'slack-gov.com', '*.slack-gov.com'], connectionHosts: ['apiUrl'] },
});
