import { CoreV1Api } from '@kubernetes/client-node';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { api, withKubernetes } from '../client.js';

export const listNamespaces = defineAction({
  auth,
  key: 'namespaces.list',
  title: 'List namespaces',
  description: 'Lists the cluster’s namespaces with their phase and labels, optionally by label selector.',
  input: Type.Object({
    labelSelector: Type.Optional(Type.String({ minLength: 1, description: 'Label selector, e.g. team=payments' })),
  }),
  output: Type.Object({
    namespaces: Type.Array(
      Type.Object({
        name: Type.String({ description: 'Namespace name' }),
        phase: Type.String({ description: 'Active or Terminating' }),
        labels: Type.Record(Type.String(), Type.String(), { description: 'Labels' }),
        createdAt: Type.Union([Type.String(), Type.Null()], { description: 'When it was created (ISO 8601)' }),
      }),
      { description: 'The namespaces' },
    ),
  }),
  examples: [{ input: {} }],
  async run({ input, auth, ctx }) {
    const list = await withKubernetes(auth, ctx, (kc) =>
      api(kc, CoreV1Api).listNamespace({ labelSelector: input.labelSelector }),
    );
    return {
      namespaces: list.items.map((ns) => ({
        name: ns.metadata?.name ?? '',
        phase: ns.status?.phase ?? 'Active',
        labels: ns.metadata?.labels ?? {},
        createdAt: ns.metadata?.creationTimestamp ? new Date(ns.metadata.creationTimestamp).toISOString() : null,
      })),
    };
  },
});
