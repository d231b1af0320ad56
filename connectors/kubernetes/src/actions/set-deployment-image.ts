import { AppsV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { api, withKubernetes } from '../client.js';
import { deploymentSchema, nameField, namespaceField, toDeployment } from '../schemas.js';

export const setDeploymentImage = defineAction({
  auth,
  key: 'deployments.setImage',
  title: 'Set a deployment’s image',
  description:
    'Changes the image of one or more containers of a deployment (kubectl set image), which starts a rollout. Containers are matched by name; the others are left alone.',
  input: Type.Object({
    namespace: namespaceField,
    name: nameField('deployment'),
    images: Type.Record(Type.String({ minLength: 1 }), Type.String({ minLength: 1 }), {
      minProperties: 1,
      description: 'New image by container name, e.g. { "app": "ghcr.io/acme/web:2.4.1" }',
    }),
  }),
  output: deploymentSchema,
  examples: [{ input: { namespace: 'shop', name: 'web', images: { app: 'ghcr.io/acme/web:2.4.1' } } }],
  async run({ input, auth, ctx }) {
    const deployment = await withKubernetes(auth, ctx, async (kc) => {
      const apps = api(kc, AppsV1Api);
      // A strategic merge patch merges containers by name; a name the pod template lacks would be
      // added as a new container, so it is checked first.
      const current = await apps.readNamespacedDeployment({ namespace: input.namespace, name: input.name });
      const names = new Set((current.spec?.template.spec?.containers ?? []).map((c) => c.name));
      const unknown = Object.keys(input.images).filter((name) => !names.has(name));
      if (unknown.length > 0) {
        throw new ConnectorError(
          `no container named ${unknown.join(', ')} in deployment ${input.name} (it has ${[...names].join(', ')})`,
          { kind: 'invalid_input', actionKey: ctx.actionKey },
          'Use the container names of the pod template (deployments.get lists them under images).',
        );
      }
      const containers = Object.entries(input.images).map(([name, image]) => ({ name, image }));
      return apps.patchNamespacedDeployment(
        { namespace: input.namespace, name: input.name, body: { spec: { template: { spec: { containers } } } } },
        setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
      );
    });
    return toDeployment(deployment);
  },
});
