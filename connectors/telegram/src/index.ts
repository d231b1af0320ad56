import { defineConnector } from '@mova/sdk';
import { deleteMessage } from './actions/delete-message.js';
import { editMessageText } from './actions/edit-message-text.js';
import { getChat } from './actions/get-chat.js';
import { sendDocument } from './actions/send-document.js';
import { sendMessage } from './actions/send-message.js';
import { sendPhoto } from './actions/send-photo.js';
import { auth } from './auth.js';
import { newUpdates } from './triggers/new-updates.js';

export default defineConnector({
  name: 'telegram',
  title: 'Telegram',
  description:
    'Send, edit and delete Telegram messages with formatting and keyboards, send photos and documents, read chats, and start workflows on new updates.',
  categories: ['communication', 'chat'],
  auth,
  actions: [sendMessage, sendPhoto, sendDocument, editMessageText, deleteMessage, getChat],
  triggers: [newUpdates],
  // Telegram's hosted Bot API server; a self-hosted telegram-bot-api server comes from the connection.
  network: { allow: ['api.telegram.org'], connectionHosts: ['apiUrl'] },
});
