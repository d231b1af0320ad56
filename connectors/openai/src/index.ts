import { defineConnector } from '@mova/sdk';
import { chatCompletion } from './actions/chat-completion.js';
import { createEmbeddings } from './actions/create-embeddings.js';
import { createResponse } from './actions/create-response.js';
import { generateImage } from './actions/generate-image.js';
import { moderate } from './actions/moderate.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'openai',
  title: 'OpenAI',
  description:
    'Generate text and structured JSON with OpenAI models (Chat Completions and Responses), create embeddings, check text with the moderation model and generate images.',
  categories: ['ai'],
  auth,
  actions: [chatCompletion, createResponse, createEmbeddings, moderate, generateImage],
  // api.openai.com, or the data-residency endpoint or gateway the connection's apiUrl names.
  network: { allow: ['api.openai.com'], connectionHosts: ['apiUrl'] },
});
