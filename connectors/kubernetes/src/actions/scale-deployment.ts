import { AppsV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { api, withKubernetes } from '../client.js';
import { nameField, namespaceField } from '../schemas.js';

export const scaleDeployment = defineAction({
  auth,
  key: 'deployments.scale',
  title: 'Scale a deployment',
  description: 'Sets how many pods a deployment runs (kubectl scale), through its scale subresource.',
  input: Type.Object({
    namespace: namespaceField,
    name: nameField('deployment'),
    replicas: Type.Integer({ minimum: 0, maximum: 10_000, description: 'Pods to run; 0 stops them all' }),
  }),
  output: Type.Object({
    name: Type.String({ description: 'Deployment name' }),
    namespace: Type.String({ description: 'Namespace' }),
    replicas: Type.Integer({ description: 'Pods wanted now' }),
    currentReplicas: Type.Integer({ description: 'Pods there were when it answered' }),
  }),
  examples: [
    {
      input: { namespace: 'shop', name: 'web', replicas: 5 },
      output: { name: 'web', namespace: 'shop', replicas: 5, currentReplicas: 3 },
    },
  ],
  async run({ input, auth, ctx }) {
    const scale = await withKubernetes(auth, ctx, (kc) =>
      api(kc, AppsV1Api).patchNamespacedDeploymentScale(
        { namespace: input.namespace, name: input.name, body: { spec: { replicas: input.replicas } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
    return {
      name: scale.metadata?.name ?? input.name,
      namespace: scale.metadata?.namespace ?? input.namespace,
      replicas: scale.spec?.replicas ?? input.replicas,
      currentReplicas: scale.status?.replicas ?? 0,
    };
  },
});
