import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { demultiplex, readOutput } from './output.js';

const frame = (stream: number, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('demultiplex', () => {
  it('splits stdout and stderr frames, in order', () => {
    const bytes = Buffer.concat([frame(1, 'one\n'), frame(2, 'oops\n'), frame(1, 'two\n')]);
    const out = demultiplex(bytes);
    expect(out?.stdout.toString()).toBe('one\ntwo\n');
    expect(out?.stderr.toString()).toBe('oops\n');
  });

  it('keeps what arrived of a last frame cut short', () => {
    const bytes = Buffer.concat([frame(1, 'complete\n'), frame(2, 'partial line\n').subarray(0, 12)]);
    expect(demultiplex(bytes)?.stderr.toString()).toBe('part');
  });

  it('says a raw stream is not frames', () => {
    expect(demultiplex(Buffer.from('plain text from a TTY\n'))).toBeUndefined();
    expect(demultiplex(Buffer.from([1, 0, 0]))).toBeUndefined();
  });
});

describe('readOutput', () => {
  it('caps the payload and says so', async () => {
    const stream = Readable.from([frame(1, 'a'.repeat(10)), frame(2, 'b'.repeat(10))]);
    expect(await readOutput(stream, 15)).toEqual({ stdout: 'a'.repeat(10), stderr: 'b'.repeat(5), truncated: true });
  });

  it('reads a TTY stream as stdout, even when it looks like frames or JSON', async () => {
    const stream = Readable.from([Buffer.from('{"level":"info"}\n')]);
    expect(await readOutput(stream, 100, true)).toEqual({ stdout: '{"level":"info"}\n', stderr: '', truncated: false });
  });
});
