import { AppsV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { api, withKubernetes } from '../client.js';
import { deploymentSchema, nameField, namespaceField, RESTARTED_AT, toDeployment } from '../schemas.js';

export const restartDeployment = defineAction({
  auth,
  key: 'deployments.restart',
  title: 'Restart a deployment',
  description:
    'Rolls a deployment’s pods over, as kubectl rollout restart does: stamps the pod template with a kubectl.kubernetes.io/restartedAt annotation, so the controller replaces the pods gradually.',
  input: Type.Object({ namespace: namespaceField, name: nameField('deployment') }),
  output: deploymentSchema,
  examples: [{ input: { namespace: 'shop', name: 'web' } }],
  async run({ input, auth, ctx }) {
    const patch = { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: new Date().toISOString() } } } } };
    const deployment = await withKubernetes(auth, ctx, (kc) =>
      api(kc, AppsV1Api).patchNamespacedDeployment(
        { namespace: input.namespace, name: input.name, body: patch },
        setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
      ),
    );
    return toDeployment(deployment);
  },
});
