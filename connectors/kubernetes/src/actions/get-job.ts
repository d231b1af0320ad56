import { BatchV1Api } from '@kubernetes/client-node';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { api, withKubernetes } from '../client.js';
import { jobSchema, nameField, namespaceField, toJob } from '../schemas.js';

export const getJob = defineAction({
  auth,
  key: 'jobs.get',
  title: 'Get a job',
  description: 'Reads a Job’s progress: running, complete or failed, with its active, succeeded and failed pods.',
  input: Type.Object({ namespace: namespaceField, name: nameField('job') }),
  output: jobSchema,
  examples: [{ input: { namespace: 'shop', name: 'migrate-2-4-1' } }],
  async run({ input, auth, ctx }) {
    const job = await withKubernetes(auth, ctx, (kc) =>
      api(kc, BatchV1Api).readNamespacedJob({ namespace: input.namespace, name: input.name }),
    );
    return toJob(job);
  },
});
