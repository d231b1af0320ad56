import { CoreV1Api } from '@kubernetes/client-node';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { api, withKubernetes } from '../client.js';
import { namespaceField, podSchema, toPod } from '../schemas.js';

export const listPods = defineAction({
  auth,
  key: 'pods.list',
  title: 'List pods',
  description:
    'Lists the pods of a namespace, filtered by label and field selectors, with phase, readiness, restarts and container states; pages with limit and continue.',
  input: Type.Object({
    namespace: namespaceField,
    labelSelector: Type.Optional(
      Type.String({ minLength: 1, description: 'Label selector, e.g. app=web,tier!=cache' }),
    ),
    fieldSelector: Type.Optional(
      Type.String({ minLength: 1, description: 'Field selector, e.g. status.phase=Running' }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Pods per page (default 100)' }),
    continue: Type.Optional(Type.String({ minLength: 1, description: 'continue token of the previous page' })),
  }),
  output: Type.Object({
    pods: Type.Array(podSchema, { description: 'Pods on this page' }),
    continue: Type.Union([Type.String(), Type.Null()], { description: 'Token for the next page, or null on the last' }),
  }),
  examples: [{ title: 'Pods of the web app', input: { namespace: 'shop', labelSelector: 'app=web' } }],
  async run({ input, auth, ctx }) {
    const list = await withKubernetes(auth, ctx, (kc) =>
      api(kc, CoreV1Api).listNamespacedPod({
        namespace: input.namespace,
        labelSelector: input.labelSelector,
        fieldSelector: input.fieldSelector,
        limit: input.limit,
        _continue: input.continue,
      }),
    );
    return { pods: list.items.map(toPod), continue: list.metadata?._continue || null };
  },
});
