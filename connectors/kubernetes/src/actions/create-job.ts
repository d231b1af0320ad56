import { BatchV1Api, type V1Job } from '@kubernetes/client-node';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { api, withKubernetes } from '../client.js';
import { jobSchema, nameField, namespaceField, toJob } from '../schemas.js';

export const createJob = defineAction({
  auth,
  key: 'jobs.create',
  title: 'Create a job',
  description:
    'Runs a one-off batch Job: a container image with a command, arguments and environment, retried up to backoffLimit times and cleaned up ttlSecondsAfterFinished after it ends.',
  input: Type.Object({
    namespace: namespaceField,
    name: nameField('job'),
    image: Type.String({ minLength: 1, description: 'Container image, e.g. ghcr.io/acme/migrate:2.4.1' }),
    command: Type.Optional(Type.Array(Type.String(), { description: 'Entrypoint to run instead of the image’s' })),
    args: Type.Optional(Type.Array(Type.String(), { description: 'Arguments' })),
    env: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$' }), Type.String(), {
        description: 'Environment variables',
      }),
    ),
    labels: Type.Optional(
      Type.Record(Type.String(), Type.String(), { description: 'Labels for the job and its pods' }),
    ),
    backoffLimit: Type.Integer({
      minimum: 0,
      maximum: 100,
      default: 0,
      description: 'Retries after a failed pod (default 0)',
    }),
    ttlSecondsAfterFinished: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Delete the job this many seconds after it ends' }),
    ),
    activeDeadlineSeconds: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Fail the job if it runs longer than this' }),
    ),
    serviceAccountName: Type.Optional(Type.String({ minLength: 1, description: 'Service account its pod runs as' })),
  }),
  output: jobSchema,
  examples: [
    {
      title: 'Run database migrations',
      input: {
        namespace: 'shop',
        name: 'migrate-2-4-1',
        image: 'ghcr.io/acme/migrate:2.4.1',
        args: ['up'],
        env: { DATABASE_URL_FILE: '/secrets/db' },
        ttlSecondsAfterFinished: 3600,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const body: V1Job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: input.name, namespace: input.namespace, labels: input.labels },
      spec: {
        backoffLimit: input.backoffLimit,
        ttlSecondsAfterFinished: input.ttlSecondsAfterFinished,
        activeDeadlineSeconds: input.activeDeadlineSeconds,
        template: {
          metadata: { labels: input.labels },
          spec: {
            restartPolicy: 'Never',
            serviceAccountName: input.serviceAccountName,
            containers: [
              {
                name: 'job',
                image: input.image,
                command: input.command,
                args: input.args,
                env: input.env ? Object.entries(input.env).map(([name, value]) => ({ name, value })) : undefined,
              },
            ],
          },
        },
      },
    };
    const job = await withKubernetes(auth, ctx, (kc) =>
      api(kc, BatchV1Api).createNamespacedJob({ namespace: input.namespace, body }),
    );
    return toJob(job);
  },
});
