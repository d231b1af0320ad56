import type { FileMetadata } from '@google-cloud/storage';
import { type Static, Type } from '@mova/sdk';

export const objectSchema = Type.Object({
  bucket: Type.String(),
  name: Type.String(),
  size: Type.Integer({ minimum: 0, description: 'Bytes.' }),
  contentType: Type.Optional(Type.String()),
  generation: Type.Optional(
    Type.String({ pattern: '^[0-9]+$', description: 'Version of the object; use it with ifGenerationMatch.' }),
  ),
  updated: Type.Optional(Type.String({ format: 'date-time' })),
  md5Hash: Type.Optional(Type.String({ description: 'Base64 MD5 of the content (absent for composite objects).' })),
  crc32c: Type.Optional(Type.String({ description: 'Base64 CRC32C of the content.' })),
});

type ObjectSummary = Static<typeof objectSchema>;

/** The object fields actions report, from the JSON API's object resource. */
export function summarize(bucket: string, name: string, metadata: FileMetadata): ObjectSummary {
  return {
    bucket: metadata.bucket ?? bucket,
    name: metadata.name ?? name,
    // The JSON API sends int64 fields (size, generation) as decimal strings.
    size: Number(metadata.size ?? 0),
    ...(metadata.contentType ? { contentType: metadata.contentType } : {}),
    ...(metadata.generation !== undefined ? { generation: String(metadata.generation) } : {}),
    ...(metadata.updated ? { updated: new Date(metadata.updated).toISOString() } : {}),
    ...(metadata.md5Hash ? { md5Hash: metadata.md5Hash } : {}),
    ...(metadata.crc32c ? { crc32c: metadata.crc32c } : {}),
  };
}
