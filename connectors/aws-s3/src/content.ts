import type { ContentStore } from '@mova/sdk/content';

/** Objects, for the content kit's messages: bigger ones are fetched through a presigned URL. */
export const objectStore: ContentStore = {
  item: 'object',
  largeItems: 'create a presigned URL with objects.presignedUrl and fetch the object from there',
};
