import type { ContentStore } from '@mova/sdk/content';

/** Objects, for the content kit's messages: bigger ones are fetched through a signed URL. */
export const objectStore: ContentStore = {
  item: 'object',
  largeItems: 'create a signed URL with objects.signedUrl and fetch the object from there',
};
