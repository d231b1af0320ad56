import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callAsana } from '../client.js';
import { type AsanaTask, gid, TASK_FIELDS, task, toTask } from '../tasks.js';

/** GET /tasks/{task_gid} */
export const getTask = defineAction({
  key: 'tasks.get',
  title: 'Get a task',
  description: 'Reads one Asana task with its assignee, dates, projects, tags and custom field values.',
  auth,
  input: Type.Object({ gid: gid('Task') }),
  output: task,
  examples: [{ title: 'Get a task', input: { gid: '1204000000000042' } }],
  async run({ input, auth, ctx }) {
    const found: { data: AsanaTask } = await callAsana(auth, ctx, ({ tasks }) =>
      tasks.getTask(input.gid, { opt_fields: TASK_FIELDS }),
    );
    return toTask(found.data);
  },
});
