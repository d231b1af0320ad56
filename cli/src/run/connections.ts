import {
  ConnectionError,
  type ConnectionProvider,
  loadConnections,
  loadVaultConfig,
  vaultConnections,
} from '@mova/runtime';
import { UserError } from '../user-error.js';

/**
 * Connections from `MOVA_CONNECTION_<NAME>` variables, then the `--connections` file, then Vault
 * when a Vault config is given (`--vault`, else `MOVA_VAULT_CONFIG`); a file that cannot be read
 * or a Vault config without credentials is a usage error.
 */
export async function openConnections(
  file: string | undefined,
  vault: string | undefined = process.env.MOVA_VAULT_CONFIG,
): Promise<ConnectionProvider> {
  try {
    const fromVault = vault ? vaultConnections(await loadVaultConfig(vault, process.env)) : undefined;
    return await loadConnections({ file, env: process.env, vault: fromVault });
  } catch (error) {
    if (error instanceof ConnectionError) throw new UserError(error.message, error.hint);
    throw error;
  }
}
