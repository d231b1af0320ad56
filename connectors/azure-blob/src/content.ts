import type { ContentStore } from '@mova/sdk/content';

/** Blobs, for the content kit's messages: bigger ones are fetched through a SAS URL. */
export const blobs: ContentStore = {
  item: 'blob',
  largeItems: 'create a SAS URL with blobs.sasUrl and fetch the blob from there',
};
