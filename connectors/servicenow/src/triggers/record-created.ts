import { defineTrigger } from '@mova/sdk';
import { auth } from '../auth.js';
import { pollRecords, watchInput, watchOutput } from './watch.js';

export const recordCreated = defineTrigger({
  auth,
  kind: 'polling',
  key: 'records.created',
  title: 'New record',
  description:
    'Starts a workflow for each record created in a table since the last poll (by sys_created_on), optionally only records matching an encoded query, oldest first.',
  input: watchInput,
  output: watchOutput,
  dedupe: { by: 'timestamp', field: 'createdAt' },
  examples: [
    {
      title: 'New incidents for the Service Desk',
      input: { table: 'incident', query: 'assignment_group.name=Service Desk' },
    },
  ],
  async poll(args) {
    return pollRecords('sys_created_on', args);
  },
});
