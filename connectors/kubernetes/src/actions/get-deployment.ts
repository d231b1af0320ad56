import { AppsV1Api } from '@kubernetes/client-node';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { api, withKubernetes } from '../client.js';
import { deploymentSchema, nameField, namespaceField, toDeployment } from '../schemas.js';

export const getDeployment = defineAction({
  auth,
  key: 'deployments.get',
  title: 'Get a deployment',
  description: 'Reads a deployment: wanted, ready, updated and available replicas, images and rollout conditions.',
  input: Type.Object({ namespace: namespaceField, name: nameField('deployment') }),
  output: deploymentSchema,
  examples: [{ input: { namespace: 'shop', name: 'web' } }],
  async run({ input, auth, ctx }) {
    const deployment = await withKubernetes(auth, ctx, (kc) =>
      api(kc, AppsV1Api).readNamespacedDeployment({ namespace: input.namespace, name: input.name }),
    );
    return toDeployment(deployment);
  },
});
