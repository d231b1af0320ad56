import { type ApiConstructor, type ApiType, KubeConfig } from '@kubernetes/client-node';
import { type ActionContext, ConnectorError, serviceUrlOf } from '@mova/sdk';
import type { KubernetesConnection } from './connection.js';
import { kubernetesErrors } from './errors.js';

type CallContext = Pick<ActionContext, 'signal' | 'actionKey'> | undefined;

/**
 * Runs `use` with a kubeconfig for this connection; failures leave as ConnectorErrors.
 * @example
 * const pod = await withKubernetes(auth, ctx, (kc) => kc.makeApiClient(CoreV1Api).readNamespacedPod({ name, namespace }));
 */
export async function withKubernetes<T>(
  connection: KubernetesConnection,
  ctx: CallContext,
  use: (kc: KubeConfig) => Promise<T>,
): Promise<T> {
  return kubernetesErrors.call(ctx?.actionKey, async () => use(kubeConfig(connection, ctx?.actionKey)));
}

/** An API client of one group (CoreV1Api, AppsV1Api, BatchV1Api) for this connection. */
export function api<T extends ApiType>(kc: KubeConfig, Api: ApiConstructor<T>): T {
  return kc.makeApiClient(Api);
}

/**
 * The KubeConfig for a connection: the cluster at `server`, with the token, CA and client
 * certificate given, or with the credentials, CA and TLS server name of a kubeconfig's context.
 */
export function kubeConfig(connection: KubernetesConnection, actionKey?: string): KubeConfig {
  const server = checkedServer(connection.server, actionKey);
  // Plain http is accepted on loopback only (serviceUrlOf): there is no TLS to verify, which the
  // client wants said before it speaks http.
  const plain = server.startsWith('http:');
  const kc = new KubeConfig();
  if (connection.kubeconfig) {
    const { cluster, user } = fromKubeconfig(connection.kubeconfig, connection.context, actionKey);
    kc.loadFromClusterAndUser({ ...cluster, server, skipTLSVerify: cluster.skipTLSVerify || plain }, user);
    return kc;
  }
  if (Boolean(connection.clientCertificate) !== Boolean(connection.clientKey)) {
    throw invalid('clientCertificate and clientKey go together', actionKey);
  }
  const base64 = (pem: string | undefined) => (pem ? Buffer.from(pem, 'utf8').toString('base64') : undefined);
  kc.loadFromClusterAndUser(
    { name: 'cluster', server, caData: base64(connection.ca), skipTLSVerify: plain },
    {
      name: 'user',
      token: connection.token,
      certData: base64(connection.clientCertificate),
      keyData: base64(connection.clientKey),
    },
  );
  return kc;
}

/** The cluster and user of a kubeconfig's context, refusing credentials that cannot work in the sandbox. */
function fromKubeconfig(text: string, context: string | undefined, actionKey: string | undefined) {
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text);
    if (context) kc.setCurrentContext(context);
  } catch (error) {
    throw invalid(
      `the kubeconfig cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      actionKey,
    );
  }
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  if (!cluster || !user) throw invalid('the kubeconfig has no current context with a cluster and a user', actionKey);
  if (user.exec || user.authProvider) {
    throw invalid(
      `the kubeconfig user "${user.name}" gets its credentials from ${user.exec ? 'an exec plugin' : 'an auth provider'}, which cannot run in the sandbox`,
      actionKey,
      'Use a service account token (kubectl create token <account>) or a client certificate instead.',
    );
  }
  if (cluster.caFile || user.certFile || user.keyFile) {
    throw invalid(
      'the kubeconfig points at certificate files, which the sandbox cannot read',
      actionKey,
      'Embed them (certificate-authority-data, client-certificate-data, client-key-data), e.g. kubectl config view --raw --flatten --minify.',
    );
  }
  return { cluster, user };
}

/** The server URL without a trailing slash; https, or http on a loopback address only. */
function checkedServer(server: string | undefined, actionKey: string | undefined): string {
  if (!server) {
    throw invalid(
      'the Kubernetes connection has no server',
      actionKey,
      'Give the API server URL (with a kubeconfig too: the sandbox opens only the host server names).',
    );
  }
  try {
    return serviceUrlOf(server, server);
  } catch (error) {
    throw invalid(`the API server URL ${error instanceof Error ? error.message : String(error)}`, actionKey);
  }
}

function invalid(message: string, actionKey: string | undefined, hint?: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint ?? 'Fix the Kubernetes connection.');
}
