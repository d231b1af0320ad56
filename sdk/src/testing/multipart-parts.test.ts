import { describe, expect, it } from 'vitest';
import { multipartParts } from './multipart-parts.js';

describe('multipartParts', () => {
  it('reads the fields and files of a body FormData sends, bytes as they were', async () => {
    const form = new FormData();
    form.append('comment', 'new logo');
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    form.append('file', new Blob([bytes], { type: 'image/png' }), 'logo.png');
    const request = new Request('http://127.0.0.1/', { method: 'POST', body: form });
    const raw = Buffer.from(await request.arrayBuffer());
    const parts = multipartParts(raw, request.headers.get('content-type') ?? '');
    expect(parts).toEqual([
      { name: 'comment', data: Buffer.from('new logo') },
      { name: 'file', filename: 'logo.png', type: 'image/png', data: bytes },
    ]);
  });

  it('gives undefined for a content type without a boundary', () => {
    expect(multipartParts(Buffer.from('x'), 'multipart/form-data')).toBeUndefined();
  });
});
