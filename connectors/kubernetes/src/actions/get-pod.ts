import { CoreV1Api } from '@kubernetes/client-node';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { api, withKubernetes } from '../client.js';
import { nameField, namespaceField, podSchema, toPod } from '../schemas.js';

export const getPod = defineAction({
  auth,
  key: 'pods.get',
  title: 'Get a pod',
  description: 'Reads one pod: phase, readiness, restarts, node, IP and the state of each container.',
  input: Type.Object({ namespace: namespaceField, name: nameField('pod') }),
  output: podSchema,
  examples: [{ input: { namespace: 'shop', name: 'web-7d4b9c6f5-x2x7k' } }],
  async run({ input, auth, ctx }) {
    const pod = await withKubernetes(auth, ctx, (kc) =>
      api(kc, CoreV1Api).readNamespacedPod({ namespace: input.namespace, name: input.name }),
    );
    return toPod(pod);
  },
});
