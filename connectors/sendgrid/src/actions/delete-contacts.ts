import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { sendgridRequest } from '../client.js';
import { jobIdOutput } from '../contacts.js';

export const deleteContacts = defineAction({
  auth,
  key: 'contacts.delete',
  title: 'Delete contacts',
  description:
    'Deletes Marketing Campaigns contacts by ID (DELETE /v3/marketing/contacts); SendGrid does it asynchronously and gives a job ID.',
  input: Type.Object({
    ids: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      maxItems: 100,
      description: 'Contact IDs (from contacts.search or contacts.getByEmail)',
    }),
  }),
  output: jobIdOutput,
  examples: [{ title: 'Forget a contact', input: { ids: ['c4b0cf7b-8c36-4d6a-9b29-2b8d1f7b1a11'] } }],
  async run({ input, auth, ctx }) {
    const { body } = await sendgridRequest<{ job_id: string }>(auth, ctx, {
      method: 'DELETE',
      url: '/v3/marketing/contacts',
      qs: { ids: input.ids.join(',') },
    });
    return { jobId: body.job_id };
  },
});
