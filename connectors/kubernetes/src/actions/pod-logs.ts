import { CoreV1Api } from '@kubernetes/client-node';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { api, withKubernetes } from '../client.js';
import { nameField, namespaceField } from '../schemas.js';

export const podLogs = defineAction({
  auth,
  key: 'pods.logs',
  title: 'Read pod logs',
  description:
    'Reads the log of a container of a pod (kubectl logs), the last lines or since some seconds, or of its previous instance after a crash. Does not follow.',
  input: Type.Object({
    namespace: namespaceField,
    name: nameField('pod'),
    container: Type.Optional(Type.String({ minLength: 1, description: 'Container; needed when the pod has several' })),
    tailLines: Type.Integer({ minimum: 1, default: 100, description: 'Last lines to read (default 100)' }),
    sinceSeconds: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Only lines from the last this many seconds' }),
    ),
    timestamps: Type.Boolean({ default: false, description: 'Start each line with its RFC 3339 timestamp' }),
    previous: Type.Boolean({ default: false, description: 'Read the previous (crashed) instance of the container' }),
    limitBytes: Type.Integer({
      minimum: 1,
      maximum: 10 * 1024 * 1024,
      default: 1024 * 1024,
      description: 'Most bytes to read (default 1 MiB); the server cuts the log there',
    }),
  }),
  output: Type.Object({ log: Type.String({ description: 'The log text' }) }),
  examples: [
    {
      title: 'Why did it crash?',
      input: { namespace: 'shop', name: 'web-7d4b9c6f5-x2x7k', previous: true, tailLines: 50 },
    },
  ],
  async run({ input, auth, ctx }) {
    const log = await withKubernetes(auth, ctx, (kc) =>
      api(kc, CoreV1Api).readNamespacedPodLog({
        namespace: input.namespace,
        name: input.name,
        container: input.container,
        tailLines: input.tailLines,
        sinceSeconds: input.sinceSeconds,
        timestamps: input.timestamps,
        previous: input.previous,
        limitBytes: input.limitBytes,
      }),
    );
    return { log: typeof log === 'string' ? log : String(log ?? '') };
  },
});
