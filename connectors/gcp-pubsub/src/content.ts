import type { ContentStore } from '@mova/sdk/content';

/** Pub/Sub messages, for the content kit's messages. */
export const messageStore: ContentStore = {
  item: 'message',
  largeItems: 'publish a reference (a Cloud Storage object name) instead of the content',
};
