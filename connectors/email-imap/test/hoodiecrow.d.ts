// hoodiecrow-imap ships no types; this is the part of its server object the tests use (lib/server.js).
declare module 'hoodiecrow-imap' {
  import type { Server } from 'node:net';

  interface HoodiecrowMessage {
    uid: number;
    flags: string[];
    raw: string;
    internaldate: string;
  }
  interface HoodiecrowMailbox {
    path: string;
    uidvalidity: number;
    uidnext: number;
    messages: HoodiecrowMessage[];
  }
  interface Hoodiecrow {
    server: Server;
    listen(port: number, host: string, callback: () => void): void;
    close(callback: () => void): void;
    getMailbox(path: string): HoodiecrowMailbox | undefined;
    appendMessage(mailbox: string, flags: string[], internaldate: string, raw: string): unknown;
  }
  export default function hoodiecrow(options: Record<string, unknown>): Hoodiecrow;
}
