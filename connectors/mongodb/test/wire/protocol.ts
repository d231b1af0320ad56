import { type Document, deserialize, serialize } from 'bson';

// MongoDB wire protocol framing (https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/):
// a 16-byte header (length, requestID, responseTo, opCode), little-endian, then the op's body.
export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;

export interface Request {
  requestId: number;
  opCode: number;
  /** The command document, with OP_MSG document sequences (kind 1) folded in under their names. */
  command: Document;
  /** The client does not want a reply (OP_MSG moreToCome, e.g. an unacknowledged write). */
  noReply: boolean;
}

/** Takes whole messages off the front of `buffer`; returns them and the unread rest. */
export function splitMessages(buffer: Buffer): { messages: Buffer[]; rest: Buffer } {
  const messages: Buffer[] = [];
  let offset = 0;
  while (buffer.length - offset >= 4) {
    const length = buffer.readInt32LE(offset);
    if (length < 16) throw new Error(`invalid message length ${length}`);
    if (buffer.length - offset < length) break;
    messages.push(buffer.subarray(offset, offset + length));
    offset += length;
  }
  return { messages, rest: buffer.subarray(offset) };
}

export function parseRequest(message: Buffer): Request {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  if (opCode === OP_MSG) return { requestId, opCode, ...parseOpMsg(message) };
  if (opCode === OP_QUERY) return { requestId, opCode, command: parseOpQuery(message), noReply: false };
  throw new Error(`unsupported opCode ${opCode}`);
}

function parseOpMsg(message: Buffer): { command: Document; noReply: boolean } {
  const flags = message.readUInt32LE(16);
  const end = flags & CHECKSUM_PRESENT ? message.length - 4 : message.length;
  let offset = 20;
  let command: Document | undefined;
  const sequences: Record<string, Document[]> = {};
  while (offset < end) {
    const kind = message.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      const size = message.readInt32LE(offset);
      command = deserialize(message.subarray(offset, offset + size));
      offset += size;
    } else if (kind === 1) {
      const size = message.readInt32LE(offset);
      const sectionEnd = offset + size;
      const nameEnd = message.indexOf(0, offset + 4);
      const name = message.toString('utf8', offset + 4, nameEnd);
      const documents: Document[] = [];
      let at = nameEnd + 1;
      while (at < sectionEnd) {
        const docSize = message.readInt32LE(at);
        documents.push(deserialize(message.subarray(at, at + docSize)));
        at += docSize;
      }
      sequences[name] = documents;
      offset = sectionEnd;
    } else {
      throw new Error(`unsupported OP_MSG section kind ${kind}`);
    }
  }
  if (!command) throw new Error('OP_MSG without a body section');
  return { command: { ...command, ...sequences }, noReply: (flags & MORE_TO_COME) !== 0 };
}

/** Legacy OP_QUERY: the driver still sends its first handshake this way, before it knows the server. */
function parseOpQuery(message: Buffer): Document {
  const nameEnd = message.indexOf(0, 20);
  const queryStart = nameEnd + 1 + 8; // numberToSkip, numberToReturn
  const size = message.readInt32LE(queryStart);
  const query = deserialize(message.subarray(queryStart, queryStart + size));
  return typeof query.$query === 'object' && query.$query !== null ? query.$query : query;
}

let nextResponseId = 1;

/** Answers in the format the request came in: OP_REPLY for OP_QUERY, OP_MSG otherwise. */
export function encodeReply(request: Request, reply: Document): Buffer {
  const body = serialize(reply);
  if (request.opCode === OP_QUERY) {
    const prefix = Buffer.alloc(20);
    prefix.writeInt32LE(0, 0); // responseFlags
    prefix.writeBigInt64LE(0n, 4); // cursorID
    prefix.writeInt32LE(0, 12); // startingFrom
    prefix.writeInt32LE(1, 16); // numberReturned
    return frame(request.requestId, OP_REPLY, Buffer.concat([prefix, body]));
  }
  const prefix = Buffer.alloc(5); // flagBits = 0, section kind 0
  return frame(request.requestId, OP_MSG, Buffer.concat([prefix, body]));
}

function frame(responseTo: number, opCode: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + payload.length, 0);
  header.writeInt32LE(nextResponseId++, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(opCode, 12);
  return Buffer.concat([header, payload]);
}
