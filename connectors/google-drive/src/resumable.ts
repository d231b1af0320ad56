import type { drive_v3 } from '@googleapis/drive';
import { ConnectorError } from '@mova/sdk';
import type { DriveClient } from './client.js';

/**
 * A resumable upload ("Upload file data" → "Perform a resumable upload"): a POST with the metadata
 * opens a session whose URL comes back in Location; one PUT then sends every byte. The generated
 * client does not run this protocol, so the authorised client makes the two requests itself.
 */
export async function resumableUpload(
  client: DriveClient,
  upload: { metadata: drive_v3.Schema$File; body: Buffer; contentType: string; fields: string },
  signal: AbortSignal,
): Promise<drive_v3.Schema$File> {
  const start = new URL(`${client.root}/upload/drive/v3/files`);
  start.search = new URLSearchParams({
    uploadType: 'resumable',
    supportsAllDrives: 'true',
    fields: upload.fields,
  }).toString();
  const session = await client.auth.request({
    url: start.toString(),
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'x-upload-content-type': upload.contentType,
      'x-upload-content-length': String(upload.body.length),
    },
    data: JSON.stringify(upload.metadata),
    signal,
    retry: false,
  });
  const location = session.headers.get('location');
  // The session must stay on the API's host: the token goes with the PUT.
  if (!location || new URL(location, start).origin !== start.origin) {
    throw new ConnectorError('Google Drive opened no upload session on its own host', {
      kind: 'transient',
      vendorMessage: location ? `Location: ${location}` : 'no Location header',
    });
  }
  const sent = await client.auth.request<drive_v3.Schema$File>({
    url: new URL(location, start).toString(),
    method: 'PUT',
    headers: { 'content-type': upload.contentType },
    data: upload.body,
    signal,
    retry: false,
  });
  return sent.data;
}
