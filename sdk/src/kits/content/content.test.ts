import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../errors.js';
import { bytesOf, checkSize, contentOf, defaultContentType, MAX_DOWNLOAD_BYTES, readCapped } from './content.js';

const blobs = { item: 'blob', largeItems: 'create a SAS URL with blobs.sasUrl and fetch the blob from there' };

describe('content kit', () => {
  it('takes text as UTF-8 and base64 as bytes, white space ignored', () => {
    expect(bytesOf('Zürich', 'text', 'a')).toEqual(Buffer.from('Zürich', 'utf8'));
    expect(bytesOf('iVBO\nRw0=', 'base64', 'a')).toEqual(Buffer.from('iVBORw0=', 'base64'));
    expect(bytesOf('', 'base64', 'a')).toEqual(Buffer.alloc(0));
  });

  it('refuses malformed base64 rather than decoding it to something', () => {
    for (const bad of ['abc', 'ab$d', 'abcd=efg']) {
      expect(() => bytesOf(bad, 'base64', 'blobs.upload')).toThrow(
        expect.objectContaining({
          kind: 'invalid_input',
          actionKey: 'blobs.upload',
          message: 'content is not valid base64',
        }),
      );
    }
  });

  it('picks a content type from the encoding', () => {
    expect(defaultContentType('text')).toBe('text/plain; charset=utf-8');
    expect(defaultContentType('base64')).toBe('application/octet-stream');
  });

  it('returns bytes as text only when they are UTF-8, else asks for base64', () => {
    const binary = new Uint8Array([0x89, 0x50, 0xff]);
    expect(contentOf(Buffer.from('ok ✓'), 'text', blobs, 'a')).toBe('ok ✓');
    expect(contentOf(binary, 'base64', blobs, 'a')).toBe(Buffer.from(binary).toString('base64'));
    expect(() => contentOf(binary, 'text', blobs, 'blobs.download')).toThrow(
      expect.objectContaining({ message: 'the blob is not UTF-8 text', hint: expect.stringContaining('base64') }),
    );
  });

  it('refuses an item over the cap by its declared size, naming the way to large items', () => {
    expect(() => checkSize(10, 10, blobs, 'a')).not.toThrow();
    try {
      checkSize(11, 10, blobs, 'blobs.download');
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({
        kind: 'invalid_input',
        message: 'the blob is 11 bytes, over the download cap of 10 bytes',
        hint: `Raise maxBytes (up to ${MAX_DOWNLOAD_BYTES}) or create a SAS URL with blobs.sasUrl and fetch the blob from there.`,
      });
    }
  });

  it('reads Node streams, web streams and strings, stopping once past the cap', async () => {
    expect(await readCapped(Readable.from([Buffer.from('ab'), 'cd']), 4, blobs, 'a')).toEqual(Buffer.from('abcd'));
    const web = new Blob([new Uint8Array([1, 2, 3])]).stream();
    expect(await readCapped(web, 3, blobs, 'a')).toEqual(Buffer.from([1, 2, 3]));
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled += 1;
        yield new Uint8Array(4);
      }
    }
    await expect(readCapped(endless(), 10, blobs, 'blobs.download')).rejects.toMatchObject({
      message: 'the blob is larger than its declared size, over the download cap of 10 bytes',
    });
    expect(pulled).toBe(3);
  });
});
