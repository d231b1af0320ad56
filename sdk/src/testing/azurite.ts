import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Azurite's well-known development account, published in Azurite's README ("Default Storage
 * Account"); every Azurite instance accepts it, and it works nowhere else.
 */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  /** The account's endpoint of the service, e.g. http://127.0.0.1:41749/devstoreaccount1. */
  endpoint: string;
  /** A connection string for the development account at this instance. */
  connectionString: string;
  stop(): Promise<void>;
}

export interface AzuriteOptions {
  /** Which Azurite service to start. */
  service: 'blob' | 'queue' | 'table';
  /**
   * Where to resolve the `azurite` package from (the test's `import.meta.url`): the connector
   * brings Azurite as its own dev dependency, the SDK does not.
   */
  from: string | URL;
  /**
   * Let Azurite refuse API versions it does not know. Off by default: current @azure/storage-*
   * packages send versions newer than Azurite 3.35 knows.
   */
  checkApiVersion?: boolean;
  /** Cap on the memory Azurite holds blob contents in, in MB. */
  extentMemoryLimit?: number;
}

const ENDPOINT_KEY = { blob: 'BlobEndpoint', queue: 'QueueEndpoint', table: 'TableEndpoint' } as const;

/**
 * Starts one Azurite service on a free loopback port, in memory, with telemetry off, in a
 * throwaway working directory.
 *
 * @example
 * const azurite = await startAzurite({ service: 'queue', from: import.meta.url });
 * const auth = { method: 'connectionString', connectionString: azurite.connectionString, accountUrl: azurite.endpoint };
 */
export async function startAzurite(options: AzuriteOptions): Promise<Azurite> {
  const { service } = options;
  const azuriteDir = dirname(createRequire(options.from).resolve('azurite/package.json'));
  const cwd = await mkdtemp(join(tmpdir(), 'mova-azurite-'));
  const args = [
    join(azuriteDir, `dist/src/${service}/main.js`),
    `--${service}Host`,
    '127.0.0.1',
    `--${service}Port`,
    '0',
    '--inMemoryPersistence',
    ...(options.extentMemoryLimit !== undefined ? ['--extentMemoryLimit', String(options.extentMemoryLimit)] : []),
    '--disableTelemetry',
    '--silent',
    ...(options.checkApiVersion ? [] : ['--skipApiVersionCheck']),
  ];
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = async () => {
    await exited(child);
    await rm(cwd, { recursive: true, force: true });
  };
  try {
    const origin = await listening(child);
    const endpoint = `${origin}/${AZURITE_ACCOUNT}`;
    return {
      endpoint,
      connectionString: `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};${ENDPOINT_KEY[service]}=${endpoint};`,
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
