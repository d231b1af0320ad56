import { defineConnector } from '@mova/sdk';
import { addComment } from './actions/add-comment.js';
import { createCard } from './actions/create-card.js';
import { getCard } from './actions/get-card.js';
import { listBoards } from './actions/list-boards.js';
import { listLists } from './actions/list-lists.js';
import { moveCard } from './actions/move-card.js';
import { updateCard } from './actions/update-card.js';
import { auth } from './auth.js';
import { newCard } from './triggers/new-card.js';

export default defineConnector({
  name: 'trello',
  title: 'Trello',
  description: 'Create, move, update and comment on Trello cards, list boards and their lists, and react to new cards.',
  categories: ['project-management', 'productivity'],
  auth,
  actions: [createCard, getCard, updateCard, moveCard, addComment, listLists, listBoards],
  triggers: [newCard],
  // A gateway or proxy in front of the API is reached through the connection's apiUrl.
  network: { allow: ['api.trello.com'], connectionHosts: ['apiUrl'] },
});
