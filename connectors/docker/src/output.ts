import type { Readable } from 'node:stream';

/** What a container wrote, split by stream, and whether the cap cut it short. */
export interface Output {
  stdout: string;
  stderr: string;
  truncated: boolean;
}

/**
 * Reads the Engine API's output stream up to `maxBytes` of payload. Without a TTY the daemon
 * multiplexes stdout and stderr into frames: an 8-byte header (stream type 0 stdin, 1 stdout,
 * 2 stderr; three zero bytes; payload size as a big-endian uint32) then the payload ("Stream
 * format", docs.docker.com/reference/api/engine, container attach). With a TTY, or when the bytes
 * are not frames, the output is raw and counts as stdout.
 */
export async function readOutput(stream: Readable, maxBytes: number, tty?: boolean): Promise<Output> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  // Frame headers are not payload, so a little more than the cap is read.
  const budget = tty ? maxBytes : maxBytes + 8 * 1024;
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(bytes);
    size += bytes.length;
    if (size > budget) {
      truncated = true;
      stream.destroy();
      break;
    }
  }
  const all = Buffer.concat(chunks);
  const frames = tty ? undefined : demultiplex(all);
  const out = frames ?? { stdout: all, stderr: Buffer.alloc(0) };
  const stdout = out.stdout.subarray(0, maxBytes);
  const stderr = out.stderr.subarray(0, Math.max(0, maxBytes - stdout.length));
  return {
    stdout: stdout.toString('utf8'),
    stderr: stderr.toString('utf8'),
    truncated: truncated || stdout.length < out.stdout.length || stderr.length < out.stderr.length,
  };
}

/**
 * Splits multiplexed frames into stdout and stderr; `undefined` when the bytes are not frames (a
 * TTY's raw stream). A last frame cut short by the cap keeps what arrived.
 */
export function demultiplex(bytes: Buffer): { stdout: Buffer; stderr: Buffer } | undefined {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (bytes.length - at < 8) return at === 0 ? undefined : done();
    const type = bytes[at];
    if ((type !== 0 && type !== 1 && type !== 2) || bytes[at + 1] !== 0 || bytes[at + 2] !== 0 || bytes[at + 3] !== 0) {
      return undefined;
    }
    const length = bytes.readUInt32BE(at + 4);
    const payload = bytes.subarray(at + 8, at + 8 + length);
    (type === 2 ? stderr : stdout).push(payload);
    at += 8 + length;
  }
  return done();

  function done() {
    return { stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) };
  }
}
