import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callAsana } from '../client.js';
import { type AsanaTask, gid, TASK_FIELDS, task, taskFields, toTask } from '../tasks.js';

/** POST /tasks */
export const createTask = defineAction({
  key: 'tasks.create',
  title: 'Create a task',
  description:
    'Creates an Asana task in one or more projects (or in a workspace, or as a subtask), with description, assignee, dates, followers and custom field values.',
  auth,
  input: Type.Object({
    ...taskFields,
    name: Type.String({ minLength: 1, description: 'Task name.' }),
    projects: Type.Optional(Type.Array(gid('Project'), { description: 'Projects to add the task to.' })),
    workspace: Type.Optional(gid('Workspace, when the task is in no project')),
    parent: Type.Optional(gid('Parent task, to create a subtask')),
    followers: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Followers: user GIDs or emails.' }),
    ),
  }),
  output: task,
  examples: [
    {
      title: 'Add a task to a project',
      input: { name: 'Draft launch email', projects: ['1204000000000001'], assignee: 'me', due_on: '2026-02-01' },
    },
  ],
  async run({ input, auth, ctx }) {
    if (!input.projects?.length && !input.workspace && !input.parent) {
      throw new ConnectorError('Give projects, a workspace or a parent task', {
        kind: 'invalid_input',
        actionKey: ctx.actionKey,
      });
    }
    const created: { data: AsanaTask } = await callAsana(auth, ctx, ({ tasks }) =>
      tasks.createTask({ data: input }, { opt_fields: TASK_FIELDS }),
    );
    return toTask(created.data);
  },
});
