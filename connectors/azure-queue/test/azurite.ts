import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Azurite's well-known development account, published in Azurite's README ("Default Storage
 * Account"); every Azurite instance accepts it, and it works nowhere else.
 */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  /** The account's queue endpoint, e.g. http://127.0.0.1:41749/devstoreaccount1. */
  endpoint: string;
  /** A connection string for the development account at this instance. */
  connectionString: string;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const AZURITE_QUEUE = join(dirname(require.resolve('azurite/package.json')), 'dist/src/queue/main.js');

/**
 * Starts Azurite's Queue service on a free loopback port, in memory, with telemetry off. Current
 * `@azure/storage-queue` may send an API version newer than Azurite 3.35 knows, so the check is skipped.
 */
export async function startAzurite(): Promise<Azurite> {
  // In-memory storage writes no files, but Azurite's working directory stays a throwaway one.
  const cwd = await mkdtemp(join(tmpdir(), 'mova-azurite-'));
  const args = [
    AZURITE_QUEUE,
    '--queueHost',
    '127.0.0.1',
    '--queuePort',
    '0',
    '--inMemoryPersistence',
    '--disableTelemetry',
    '--silent',
    '--skipApiVersionCheck',
  ];
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = async () => {
    await exited(child);
    await rm(cwd, { recursive: true, force: true });
  };
  try {
    const origin = await listening(child);
    const endpoint = `${origin}/${DEV_ACCOUNT}`;
    return {
      endpoint,
      connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};QueueEndpoint=${endpoint};`,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The origin Azurite prints once it listens ("successfully listens on http://127.0.0.1:<port>"). */
function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Azurite did not start within 30 s:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listens on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with ${code} before listening:\n${output}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
