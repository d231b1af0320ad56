import { createServer, type Socket } from 'node:net';
import { MemoryDatabase } from './memory-database.js';
import { encodeReply, parseRequest, splitMessages } from './protocol.js';

export interface WireServer {
  /** A connection string for the official driver: `mongodb://127.0.0.1:<port>/?directConnection=true`. */
  uri: string;
  close(): Promise<void>;
}

/**
 * Starts the MongoDB wire-protocol test double on a free loopback port. It answers the official
 * driver's handshake and the CRUD/aggregate commands listed in the README, from memory.
 */
export async function startWireServer(): Promise<WireServer> {
  const database = new MemoryDatabase();
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    const connectionId = ++connections;
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      try {
        const { messages, rest } = splitMessages(Buffer.concat([pending, chunk]));
        pending = rest;
        for (const message of messages) {
          const request = parseRequest(message);
          const reply = database.run(request.command, connectionId);
          if (!request.noReply) socket.write(encodeReply(request, reply));
        }
      } catch {
        // A frame we cannot read: drop the connection, as a server does on a protocol error.
        socket.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the test server has no TCP address');
  return {
    uri: `mongodb://127.0.0.1:${address.port}/?directConnection=true`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
