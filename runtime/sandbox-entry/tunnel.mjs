// In-sandbox plumbing of the OS sandbox, not a boundary: the sandbox has no network of its own, so
// every outgoing TCP connection is opened by the host's egress proxy, over the unix socket the host
// mounted in. The proxy decides; bypassing this file reaches nothing but the sandbox's own loopback.
import net from 'node:net';

// Captured before the guard wraps it: the dial to the proxy is a unix socket.
const connect = net.Socket.prototype.connect;
const OPEN_TIMEOUT_MS = 30_000;

/**
 * Starts a local forwarder. `open(host, port)` asks the proxy for the connection first, so a refused
 * or unreachable host fails the caller's socket before it ever connects (as ECONNREFUSED would);
 * once open, it hands out a one-off loopback address (127.x.y.z) on the forwarder's port, where the
 * caller's socket is joined to the proxy's connection with no byte added (TLS starts at the first).
 */
export async function openTunnel(proxyPath) {
  const waiting = new Map();
  let counter = 1;
  const server = net.createServer((client) => {
    const address = client.localAddress?.replace(/^::ffff:/, '');
    const upstream = waiting.get(address);
    waiting.delete(address);
    if (!upstream) {
      client.destroy();
      return;
    }
    upstream.pipe(client);
    client.pipe(upstream);
    client.on('error', () => upstream.destroy()).on('close', () => upstream.destroy());
    upstream.on('error', () => client.destroy()).on('close', () => client.destroy());
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '0.0.0.0', resolve);
  });
  server.unref();
  const { port: forwarder } = server.address();

  const nextAddress = () => {
    do counter = (counter % 0xfffffd) + 1;
    while (waiting.has(addressOf(counter + 1)));
    return addressOf(counter + 1);
  };

  return {
    /** Resolves with the local address and port joined to an open connection to `host:port`. */
    open(host, port) {
      return new Promise((resolve, reject) => {
        const upstream = new net.Socket();
        connect.call(upstream, { path: proxyPath });
        upstream.write(`${host} ${port}\n`);
        let reply = Buffer.alloc(0);
        const fail = (code) => {
          upstream.destroy();
          reject(Object.assign(new Error(`connect ${code} ${host}:${port}`), { code, address: host, port }));
        };
        const onData = (chunk) => {
          reply = Buffer.concat([reply, chunk]);
          const end = reply.indexOf(10);
          if (end < 0) return;
          upstream.off('data', onData);
          upstream.pause();
          const [status, code] = reply.subarray(0, end).toString().split(' ');
          if (status !== 'OK') {
            fail(code || 'ECONNREFUSED');
            return;
          }
          // A server that speaks first (SMTP, MySQL) may have sent its greeting already.
          if (reply.length > end + 1) upstream.unshift(reply.subarray(end + 1));
          const address = nextAddress();
          waiting.set(address, upstream);
          setTimeout(() => {
            if (waiting.get(address) === upstream) {
              waiting.delete(address);
              upstream.destroy();
            }
          }, OPEN_TIMEOUT_MS).unref();
          resolve({ host: address, port: forwarder });
        };
        upstream.on('data', onData);
        upstream.on('error', (error) => fail(error.code ?? 'ECONNREFUSED'));
        upstream.on('close', () => fail('ECONNREFUSED'));
      });
    },
  };
}

function addressOf(n) {
  return `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}
