import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callAsana } from '../client.js';
import { type AsanaTask, gid, TASK_FIELDS, task, taskFields, toTask } from '../tasks.js';

/** PUT /tasks/{task_gid} */
export const updateTask = defineAction({
  key: 'tasks.update',
  title: 'Update a task',
  description:
    'Changes an Asana task: name, description, assignee, dates, custom field values, or marks it complete; fields left out keep their values.',
  auth,
  input: Type.Object({
    gid: gid('Task'),
    ...taskFields,
    completed: Type.Optional(Type.Boolean({ description: 'true marks the task complete, false reopens it.' })),
  }),
  output: task,
  examples: [{ title: 'Complete a task', input: { gid: '1204000000000042', completed: true } }],
  async run({ input, auth, ctx }) {
    const { gid: taskGid, ...changes } = input;
    if (Object.keys(changes).length === 0) {
      throw new ConnectorError('Nothing to change: give at least one field besides gid', {
        kind: 'invalid_input',
        actionKey: ctx.actionKey,
      });
    }
    const updated: { data: AsanaTask } = await callAsana(auth, ctx, ({ tasks }) =>
      tasks.updateTask({ data: changes }, taskGid, { opt_fields: TASK_FIELDS }),
    );
    return toTask(updated.data);
  },
});
