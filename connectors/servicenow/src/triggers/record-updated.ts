import { defineTrigger } from '@mova/sdk';
import { auth } from '../auth.js';
import { pollRecords, watchInput, watchOutput } from './watch.js';

export const recordUpdated = defineTrigger({
  auth,
  kind: 'polling',
  key: 'records.updated',
  title: 'Record created or updated',
  description:
    'Starts a workflow for each record of a table created or changed since the last poll (by sys_updated_on), optionally only records matching an encoded query, oldest change first.',
  input: watchInput,
  output: watchOutput,
  dedupe: { by: 'timestamp', field: 'updatedAt' },
  examples: [
    { title: 'Changes to active P1 incidents', input: { table: 'incident', query: 'active=true^priority=1' } },
  ],
  async poll(args) {
    return pollRecords('sys_updated_on', args);
  },
});
