import { Type } from '@mova/sdk';

export const attachmentSchema = Type.Object({
  id: Type.String({ description: 'Attachment id, e.g. att12345' }),
  title: Type.String({ description: 'File name' }),
  mediaType: Type.Union([Type.String(), Type.Null()], { description: 'MIME type, e.g. application/pdf' }),
  fileSize: Type.Union([Type.Integer(), Type.Null()], { description: 'Size in bytes' }),
  version: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Version of the attachment (a re-upload adds one)',
  }),
  downloadUrl: Type.Union([Type.String(), Type.Null()], {
    description: 'Download link (needs the connection’s credentials)',
  }),
  url: Type.Union([Type.String(), Type.Null()], { description: 'The attachment in the web UI' }),
});
