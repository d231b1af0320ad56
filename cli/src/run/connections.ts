import { type ConnectionProvider, loadConnections, loadVaultConfig, vaultConnections } from '@mova/runtime';

/**
 * Connections from `MOVA_CONNECTION_<NAME>` variables, then the `--connections` file, then Vault
 * when a Vault config is given (`--vault`, else `MOVA_VAULT_CONFIG`); a file that cannot be read
 * or a Vault config without credentials is a `ConnectionError`, which the CLI shows as a usage error.
 */
export async function openConnections(
  file: string | undefined,
  vault: string | undefined = process.env.MOVA_VAULT_CONFIG,
): Promise<ConnectionProvider> {
  const fromVault = vault ? vaultConnections(await loadVaultConfig(vault, process.env)) : undefined;
  return loadConnections({ file, env: process.env, vault: fromVault });
}
