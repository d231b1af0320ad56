import { defineConnector } from '@mova/sdk';
import { GRAPH_HOSTS } from '@mova/sdk/microsoft';
import { listChannelMessages } from './actions/list-channel-messages.js';
import { listChannels } from './actions/list-channels.js';
import { listChatMessages } from './actions/list-chat-messages.js';
import { listTeams } from './actions/list-teams.js';
import { replyToChannelMessage } from './actions/reply-to-channel-message.js';
import { sendChannelMessage } from './actions/send-channel-message.js';
import { sendChatMessage } from './actions/send-chat-message.js';
import { auth } from './auth.js';
import { newChannelMessages } from './triggers/new-channel-messages.js';

export default defineConnector({
  name: 'microsoft-teams',
  title: 'Microsoft Teams',
  description:
    'Send and reply to Teams channel and chat messages with adaptive cards, read messages, list teams and channels, and start workflows on new channel messages, through Microsoft Graph.',
  categories: ['communication', 'chat'],
  auth,
  actions: [
    sendChannelMessage,
    replyToChannelMessage,
    listChannelMessages,
    sendChatMessage,
    listChatMessages,
    listTeams,
    listChannels,
  ],
  triggers: [newChannelMessages],
  // Graph and Entra ID sign-in in every national cloud; a proxy or another sign-in host comes from the connection.
  network: { allow: [...GRAPH_HOSTS], connectionHosts: ['graphUrl', 'loginUrl'] },
});
