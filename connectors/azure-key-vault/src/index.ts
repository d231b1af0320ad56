import { defineConnector } from '@mova/sdk';
import { deleteSecret } from './actions/delete-secret.js';
import { getSecret } from './actions/get-secret.js';
import { listSecrets } from './actions/list-secrets.js';
import { purgeSecret } from './actions/purge-secret.js';
import { recoverSecret } from './actions/recover-secret.js';
import { setSecret } from './actions/set-secret.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'azure-key-vault',
  title: 'Azure Key Vault',
  description:
    'Get, set, list, delete, recover and purge secrets in Azure Key Vault, signing in with a Microsoft Entra ID app registration.',
  categories: ['security', 'cloud'],
  auth,
  actions: [getSecret, setSecret, listSecrets, deleteSecret, recoverSecret, purgeSecret],
  network: {
    allow: ['*.vault.azure.net', 'login.microsoftonline.com'],
    // Sovereign clouds and private endpoints: the hosts the connection names.
    connectionHosts: ['vaultUrl', 'authorityHost'],
  },
});
