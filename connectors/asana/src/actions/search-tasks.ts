import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callAsana } from '../client.js';
import { type AsanaTask, gid, TASK_FIELDS, task, toTask } from '../tasks.js';

/** GET /workspaces/{workspace_gid}/tasks/search */
export const searchTasks = defineAction({
  key: 'tasks.search',
  title: 'Search tasks',
  description:
    'Finds tasks in an Asana workspace by text, projects, assignee, completion and dates (the advanced search API, on paid plans). Returns up to 100 tasks; narrow with modifiedAfter or createdAfter to see more.',
  auth,
  input: Type.Object({
    workspace: gid('Workspace to search'),
    text: Type.Optional(Type.String({ minLength: 1, description: 'Words in the task name or description.' })),
    projects: Type.Optional(Type.Array(gid('Project'), { description: 'Tasks in any of these projects.' })),
    assignee: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Tasks assigned to any of these users (GIDs or me).' }),
    ),
    completed: Type.Optional(Type.Boolean({ description: 'Only complete (true) or incomplete (false) tasks.' })),
    isSubtask: Type.Optional(Type.Boolean({ description: 'Only subtasks (true) or top-level tasks (false).' })),
    modifiedAfter: Type.Optional(Type.String({ format: 'date-time', description: 'Tasks changed after this time.' })),
    createdAfter: Type.Optional(Type.String({ format: 'date-time', description: 'Tasks created after this time.' })),
    dueBefore: Type.Optional(Type.String({ format: 'date', description: 'Tasks due before this date.' })),
    sortBy: Type.Union(
      ['modified_at', 'created_at', 'due_date', 'completed_at', 'likes'].map((s) => Type.Literal(s)),
      { default: 'modified_at', description: 'Sort field (descending unless sortAscending).' },
    ),
    sortAscending: Type.Boolean({ default: false, description: 'Sort ascending instead.' }),
    limit: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 100,
      description: 'Most tasks to return (Asana’s cap is 100).',
    }),
  }),
  output: Type.Object({ tasks: Type.Array(task, { description: 'Matching tasks.' }) }),
  examples: [
    {
      title: 'My open tasks in a project',
      input: { workspace: '1200000000000001', projects: ['1204000000000001'], assignee: ['me'], completed: false },
    },
  ],
  async run({ input, auth, ctx }) {
    const join = (values: string[] | undefined) => (values?.length ? values.join(',') : undefined);
    const options = {
      text: input.text,
      'projects.any': join(input.projects),
      'assignee.any': join(input.assignee),
      completed: input.completed,
      is_subtask: input.isSubtask,
      'modified_at.after': input.modifiedAfter,
      'created_at.after': input.createdAfter,
      'due_on.before': input.dueBefore,
      sort_by: input.sortBy,
      sort_ascending: input.sortAscending,
      limit: input.limit,
      opt_fields: TASK_FIELDS,
    };
    const found: { data: AsanaTask[] } = await callAsana(auth, ctx, ({ tasks }) =>
      tasks.searchTasksForWorkspace(
        input.workspace,
        Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
      ),
    );
    return { tasks: found.data.map(toTask) };
  },
});
