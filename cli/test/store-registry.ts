import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('./store-registry/serve.mjs', import.meta.url));

/**
 * A loopback npm registry serving the third-party packages this checkout has installed
 * (node_modules/.pnpm, pnpm's virtual store): the uplink a test gives a MOVA registry, so npm can
 * install @mova/cli's dependencies through it without any host but 127.0.0.1. Every version pnpm
 * resolved for the lockfile is there, so every range in those packages' dependencies is met.
 * Tarballs are packed from the installed folders on request, in a process of its own.
 */
export interface StoreRegistry {
  url: string;
  /** Names whose packument or tarball was asked for: what the MOVA registry fetched upstream. */
  served: Set<string>;
  close(): Promise<void>;
}

export async function storeRegistry(repo: string): Promise<StoreRegistry> {
  const child = spawn(process.execPath, [SERVER, repo], { stdio: ['pipe', 'pipe', 'inherit'] });
  const served = new Set<string>();
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the store registry exited with ${code} before listening`)));
    lines.once('line', resolve);
  });
  lines.on('line', (line) => {
    if (line.startsWith('served ')) served.add(line.slice('served '.length));
  });
  return {
    url,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}
