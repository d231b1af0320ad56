/** One part of a multipart/form-data body. */
export interface MultipartPart {
  name: string;
  filename?: string;
  /** The part's own Content-Type, when it names one. */
  type?: string;
  data: Buffer;
}

/**
 * Reads a multipart/form-data body (RFC 7578) into its parts, for a reference server checking an
 * upload; `undefined` when the content type names no boundary, which the vendor answers with its
 * own error.
 *
 * @example
 * const parts = multipartParts(request.rawBody, String(request.headers['content-type']));
 * const file = parts?.find((part) => part.filename !== undefined);
 */
export function multipartParts(raw: Buffer, contentType: string): MultipartPart[] | undefined {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) return undefined;
  const parts: MultipartPart[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let start = raw.indexOf(delimiter);
  while (start >= 0) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    // Past the delimiter's CRLF, and before the CRLF that precedes the next delimiter.
    const part = raw.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
    parts.push({
      name: /name="([^"]*)"/.exec(head)?.[1] ?? '',
      ...(filename === undefined ? {} : { filename }),
      ...(type === undefined ? {} : { type }),
      data: part.subarray(split + 4),
    });
    start = next;
  }
  return parts;
}
