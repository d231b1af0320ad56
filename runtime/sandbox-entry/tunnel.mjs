// In-sandbox plumbing of the OS sandbox, not a boundary: the sandbox has no network of its own, so
// every outgoing TCP connection is redialled to a local forwarder, which hands it to the host's
// egress proxy over the unix socket the host mounted in. The proxy decides; bypassing this file
// reaches nothing but the sandbox's own loopback.
import net from 'node:net';

// Captured before the guard wraps it: the forwarder's own dial to the proxy is a unix socket.
const connect = net.Socket.prototype.connect;

/**
 * Starts the forwarder. Each destination gets its own loopback address (127.x.y.z) on the
 * forwarder's port, so the forwarder knows where an accepted connection was meant to go without
 * any bytes in front of it (TLS starts at the first byte).
 */
export async function openTunnel(proxyPath) {
  const destinations = new Map();
  const addresses = new Map();
  const server = net.createServer((client) => {
    const target = addresses.get(client.localAddress?.replace(/^::ffff:/, ''));
    if (!target) {
      client.destroy();
      return;
    }
    const upstream = new net.Socket();
    connect.call(upstream, { path: proxyPath });
    upstream.write(`${target.host} ${target.port}\n`);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '0.0.0.0', resolve);
  });
  server.unref();
  const { port } = server.address();
  return {
    /** The local address and port that reach `host:port` through the proxy. */
    route(host, targetPort) {
      const key = `${String(host).toLowerCase()} ${targetPort}`;
      let address = destinations.get(key);
      if (!address) {
        const n = destinations.size + 2;
        address = `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
        destinations.set(key, address);
        addresses.set(address, { host: String(host), port: Number(targetPort) });
      }
      return { host: address, port };
    },
  };
}
