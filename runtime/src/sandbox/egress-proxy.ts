import { lookup } from 'node:dns/promises';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer, isIP, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowedBy, type HostRule, parseRule } from '../../sandbox-entry/rules.mjs';

/** What one connection through the proxy asked for, and whether it went out. */
export interface EgressAttempt {
  host: string;
  port: number;
  allowed: boolean;
}

const HEADER_LIMIT = 512;
const HEADER_TIMEOUT_MS = 5000;

/**
 * The egress boundary of an OS sandbox, in the host: a unix socket the sandbox reaches from its
 * empty network namespace. Each connection starts with one line, `<host> <port>\n`; the proxy
 * checks it against the sandbox's allow-list, resolves the name itself (a sandbox cannot map an
 * allowed name to another address), answers `OK\n` once the onward connection is open and then
 * pipes the bytes both ways, or `ERR <code>\n` (E_NETWORK_DENIED, ECONNREFUSED, ENOTFOUND…) and closes.
 */
export class EgressProxy {
  private rules: HostRule[];
  private server: Server | undefined;
  private dir: string | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    allow: readonly string[],
    private readonly onAttempt: (attempt: EgressAttempt) => void = () => {},
  ) {
    this.rules = allow.map(parseRule);
  }

  /** Replaces the allow-list: a spare sandbox's proxy allows nothing until its bind. */
  allow(hosts: readonly string[]): void {
    this.rules = hosts.map(parseRule);
  }

  /** Listens on a fresh socket in a private folder; returns the folder that holds `egress.sock`. */
  async start(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'mova-egress-'));
    await chmod(dir, 0o700);
    this.dir = dir;
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(join(dir, 'egress.sock'), resolve);
    });
    return dir;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }

  private accept(client: Socket): void {
    this.track(client);
    let buffered = Buffer.alloc(0);
    const timer = setTimeout(() => client.destroy(), HEADER_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf(10);
      if (end < 0) {
        if (buffered.length > HEADER_LIMIT) client.destroy();
        return;
      }
      clearTimeout(timer);
      client.off('data', onData);
      client.pause();
      const [host = '', portText = ''] = buffered.subarray(0, end).toString('utf8').trim().split(' ');
      const rest = buffered.subarray(end + 1);
      void this.open(client, host, Number(portText), rest);
    };
    client.on('data', onData);
    client.on('error', () => client.destroy());
  }

  private async open(client: Socket, host: string, port: number, early: Buffer): Promise<void> {
    const allowed =
      host !== '' && Number.isInteger(port) && port > 0 && port < 65536 && allowedBy(this.rules, host, port);
    this.onAttempt({ host, port, allowed });
    const refuse = (code: string) => client.end(`ERR ${code}\n`);
    if (!allowed) {
      refuse('E_NETWORK_DENIED');
      return;
    }
    let address: string;
    try {
      address = isIP(host) ? host : (await lookup(host)).address;
    } catch (error) {
      refuse((error as { code?: string }).code ?? 'ENOTFOUND');
      return;
    }
    const upstream = createConnection({ host: address, port });
    this.track(upstream);
    let open = false;
    upstream.once('connect', () => {
      open = true;
      client.write('OK\n');
      if (early.length > 0) upstream.write(early);
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (!open) refuse(error.code ?? 'ECONNREFUSED');
      else client.destroy();
    });
    upstream.on('close', () => {
      if (open) client.destroy();
    });
    client.on('close', () => upstream.destroy());
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}
