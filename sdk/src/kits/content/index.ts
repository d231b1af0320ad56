/**
 * `@mova/sdk/content`: the content kit for blob and object stores (Azure Blob Storage, Cloud
 * Storage, S3 …). Step inputs and outputs are JSON, so content travels as UTF-8 text or base64;
 * the kit turns it into bytes and back, picks a content type, caps downloads before and while
 * reading, and gives every store the same input and output fields.
 */
export {
  bytesOf,
  type ContentStore,
  checkSize,
  contentOf,
  DEFAULT_DOWNLOAD_BYTES,
  defaultContentType,
  type Encoding,
  MAX_DOWNLOAD_BYTES,
  readCapped,
} from './content.js';
export { downloadedFields, downloadFields, encodingField, uploadFields } from './schemas.js';
