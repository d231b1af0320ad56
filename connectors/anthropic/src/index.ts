import { defineConnector } from '@mova/sdk';
import { batchResults } from './actions/batch-results.js';
import { countTokens } from './actions/count-tokens.js';
import { createBatch } from './actions/create-batch.js';
import { createMessage } from './actions/create-message.js';
import { getBatch } from './actions/get-batch.js';
import { listModels } from './actions/list-models.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'anthropic',
  title: 'Anthropic',
  description:
    'Send conversations to Claude with tools and structured output, count tokens before sending, run many conversations as message batches at half the price, and list the models a key can use.',
  categories: ['ai'],
  auth,
  actions: [createMessage, countTokens, listModels, createBatch, getBatch, batchResults],
  // api.anthropic.com, or the gateway the connection's apiUrl names.
  network: { allow: ['api.anthropic.com'], connectionHosts: ['apiUrl'] },
});
