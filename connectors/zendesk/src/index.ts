import { defineConnector } from '@mova/sdk';
import { addComment } from './actions/add-comment.js';
import { createTicket } from './actions/create-ticket.js';
import { createUser } from './actions/create-user.js';
import { getTicket } from './actions/get-ticket.js';
import { getUser } from './actions/get-user.js';
import { searchTickets } from './actions/search-tickets.js';
import { searchUsers } from './actions/search-users.js';
import { updateTicket } from './actions/update-ticket.js';
import { auth } from './auth.js';
import { ticketChanged } from './triggers/ticket-changed.js';

export default defineConnector({
  name: 'zendesk',
  title: 'Zendesk',
  description:
    'Create, update, comment on and search Zendesk Support tickets, create and find users, and react to ticket changes.',
  categories: ['customer-support', 'helpdesk'],
  auth,
  actions: [createTicket, getTicket, updateTicket, addComment, searchTickets, createUser, getUser, searchUsers],
  triggers: [ticketChanged],
  // Each account is https://<subdomain>.zendesk.com; a gateway or proxy root is reached through apiUrl.
  network: { allow: ['*.zendesk.com'], connectionHosts: ['apiUrl'] },
});
