import { ConnectionError, type ConnectionProvider, loadConnections } from '@mova/runtime';
import { UserError } from '../user-error.js';

/** Connections from `MOVA_CONNECTION_<NAME>` variables, then the `--connections` file; a file that cannot be read is a usage error. */
export async function openConnections(file: string | undefined): Promise<ConnectionProvider> {
  try {
    return await loadConnections({ file, env: process.env });
  } catch (error) {
    if (error instanceof ConnectionError) throw new UserError(error.message, error.hint);
    throw error;
  }
}
