import type { ContentStore } from '@mova/sdk/content';

/** Drive files, for the content kit's messages. */
export const fileStore: ContentStore = {
  item: 'file',
  largeItems: 'share the file and hand its webViewLink or webContentLink to the system that needs it',
};
