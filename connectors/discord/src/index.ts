import { defineConnector } from '@mova/sdk';
import { addReaction } from './actions/add-reaction.js';
import { deleteMessage } from './actions/delete-message.js';
import { editMessage } from './actions/edit-message.js';
import { executeWebhook } from './actions/execute-webhook.js';
import { listChannels } from './actions/list-channels.js';
import { listMessages } from './actions/list-messages.js';
import { sendMessage } from './actions/send-message.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'discord',
  title: 'Discord',
  description: 'Send, edit and delete Discord messages with embeds, read channels, react, and post through webhooks.',
  categories: ['communication', 'chat'],
  auth,
  actions: [sendMessage, editMessage, deleteMessage, listMessages, listChannels, addReaction, executeWebhook],
  // discord.com answers the API and the webhook URLs; another API root (a proxy) comes from the connection.
  network: { allow: ['discord.com'], connectionHosts: ['apiUrl'] },
});
