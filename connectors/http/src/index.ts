import { defineConnector } from '@mova/sdk';
import { request } from './actions/request.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'http',
  title: 'HTTP',
  description:
    'Call any HTTP API: any method, JSON, form or text bodies, API key, basic, bearer or OAuth2 client-credentials auth, and link, page or cursor pagination.',
  categories: ['developer-tools'],
  auth,
  actions: [request],
  // A generic client: its hosts come from the workflow, so the sandbox cannot list them in advance.
  network: { allow: ['*'] },
});
