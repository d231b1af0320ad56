import { VersionApi } from '@kubernetes/client-node';
import { Auth } from '@mova/sdk';
import { api, withKubernetes } from './client.js';
import { connectionFields } from './connection.js';

/**
 * A cluster's API server with a token, client certificate or kubeconfig. `GET /version` answers
 * any authenticated client, so it proves the URL, the CA and the credentials without RBAC rights.
 */
export const auth = Auth.custom({
  fields: connectionFields,
  validate: async (connection) => {
    await withKubernetes(connection, undefined, (kc) => api(kc, VersionApi).getCode());
  },
});
