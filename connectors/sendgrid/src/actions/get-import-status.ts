import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { sendgridRequest } from '../client.js';

interface ImportJob {
  id: string;
  status: string;
  job_type: string;
  results?: Record<string, unknown>;
  started_at?: string;
  finished_at?: string;
}

const count = (description: string) => Type.Integer({ minimum: 0, description });

export const getImportStatus = defineAction({
  auth,
  key: 'contacts.getImportStatus',
  title: 'Get a contacts job status',
  description:
    'Tells whether an asynchronous contacts job (from contacts.upsert or contacts.delete) is pending, completed, errored or failed, with how many contacts it created, updated, deleted or could not process (GET /v3/marketing/contacts/imports/{id}).',
  input: Type.Object({
    jobId: Type.String({ minLength: 1, description: 'Job ID from contacts.upsert or contacts.delete' }),
  }),
  output: Type.Object({
    jobId: Type.String({ description: 'The job ID' }),
    status: Type.String({ description: 'pending, completed, errored or failed' }),
    jobType: Type.String({ description: 'upsert, delete…' }),
    requested: count('Contacts in the request'),
    created: count('Contacts created'),
    updated: count('Contacts updated'),
    deleted: count('Contacts deleted'),
    errored: count('Contacts that could not be processed'),
    errorsUrl: Type.Union([Type.String(), Type.Null()], {
      description: 'Where to download the errors, when there are any',
    }),
    startedAt: Type.Union([Type.String(), Type.Null()], { description: 'When the job started' }),
    finishedAt: Type.Union([Type.String(), Type.Null()], { description: 'When it finished, null while pending' }),
  }),
  examples: [{ title: 'Has the import finished?', input: { jobId: '0bd3f4b6-7e64-4f8e-8a83-7d7a7d3b8b9a' } }],
  async run({ input, auth, ctx }) {
    const { body } = await sendgridRequest<ImportJob>(auth, ctx, {
      method: 'GET',
      url: `/v3/marketing/contacts/imports/${encodeURIComponent(input.jobId)}`,
    });
    const results = body.results ?? {};
    const number = (key: string) => (typeof results[key] === 'number' ? (results[key] as number) : 0);
    return {
      jobId: body.id,
      status: body.status,
      jobType: body.job_type,
      requested: number('requested_count'),
      created: number('created_count'),
      updated: number('updated_count'),
      deleted: number('deleted_count'),
      errored: number('errored_count'),
      errorsUrl: typeof results.errors_url === 'string' ? results.errors_url : null,
      startedAt: body.started_at ?? null,
      finishedAt: body.finished_at ?? null,
    };
  },
});
