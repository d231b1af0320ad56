import { Type } from '@mova/sdk';
import type { ServiceNow } from './client.js';

export const attachmentSchema = Type.Object({
  sysId: Type.String({ description: 'sys_id of the attachment' }),
  fileName: Type.String({ description: 'File name' }),
  contentType: Type.String({ description: 'MIME type' }),
  sizeBytes: Type.Integer({ description: 'Size in bytes' }),
  table: Type.String({ description: 'Table of the record it is attached to' }),
  recordSysId: Type.String({ description: 'sys_id of that record' }),
  createdAt: Type.Union([Type.String(), Type.Null()], { description: 'When it was attached (ISO 8601, UTC)' }),
  downloadUrl: Type.String({ description: 'Download link (needs the connection’s credentials)' }),
});

export interface RawAttachment {
  sys_id?: string;
  file_name?: string;
  content_type?: string;
  size_bytes?: string | number;
  table_name?: string;
  table_sys_id?: string;
  sys_created_on?: string;
}

/** An Attachment API record as `attachmentSchema` says. */
export function toAttachment(api: Pick<ServiceNow, 'instanceUrl'>, raw: RawAttachment) {
  const sysId = raw.sys_id ?? '';
  const created = raw.sys_created_on ?? '';
  return {
    sysId,
    fileName: raw.file_name ?? '',
    contentType: raw.content_type ?? 'application/octet-stream',
    sizeBytes: Number(raw.size_bytes ?? 0),
    table: raw.table_name ?? '',
    recordSysId: raw.table_sys_id ?? '',
    createdAt: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(created) ? `${created.replace(' ', 'T')}Z` : null,
    downloadUrl: `${api.instanceUrl}/api/now/attachment/${sysId}/file`,
  };
}
