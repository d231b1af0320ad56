import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type ConnectorSource, ConnectorStore, WorkspaceSource } from '@mova/runtime';

/**
 * Where `run` finds connectors: the `connectors/` folder of the MOVA checkout that holds `cwd`
 * (connectors built there with `mova-connector build`), then the content-addressed store under the
 * data dir. Same versions in both: the workspace wins, so a rebuilt connector is what runs.
 */
export async function connectorSources(cwd: string, dataDir: string): Promise<ConnectorSource[]> {
  const checkout = await checkoutRoot(cwd);
  const store = new ConnectorStore(join(dataDir, 'connectors'));
  return checkout ? [new WorkspaceSource(join(checkout, 'connectors')), store] : [store];
}

/** The nearest folder at or above `dir` that is a MOVA checkout: `sdk/` holds @mova/sdk and `connectors/` exists. */
export async function checkoutRoot(dir: string): Promise<string | undefined> {
  for (let current = dir; ; current = dirname(current)) {
    if (await isCheckout(current)) return current;
    if (dirname(current) === current) return undefined;
  }
}

async function isCheckout(dir: string): Promise<boolean> {
  const connectors = await stat(join(dir, 'connectors')).catch(() => undefined);
  if (!connectors?.isDirectory()) return false;
  const sdk = await readFile(join(dir, 'sdk', 'package.json'), 'utf8').catch(() => undefined);
  if (sdk === undefined) return false;
  try {
    const pkg: unknown = JSON.parse(sdk);
    return typeof pkg === 'object' && pkg !== null && 'name' in pkg && pkg.name === '@mova/sdk';
  } catch {
    return false;
  }
}
