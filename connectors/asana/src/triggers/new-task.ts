import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callAsana } from '../client.js';
import { type AsanaTask, gid, TASK_FIELDS, task, toTask } from '../tasks.js';

const PAGE = 100;
/** How far back the first poll looks; it only records what it finds. */
const FIRST_LOOKBACK_MS = 3_600_000;

/**
 * GET /tasks?project=…&modified_since=… : a new task was modified when it was created, so asking for tasks
 * modified since the newest creation seen finds every newer one; created_at then tells new from changed.
 */
export const newTask = defineTrigger({
  kind: 'polling',
  key: 'tasks.new',
  title: 'New task in a project',
  description: 'Starts a workflow when a task is created in (or added to) an Asana project.',
  auth,
  input: Type.Object({
    project: gid('Project to watch'),
    maxPages: Type.Integer({
      minimum: 1,
      maximum: 50,
      default: 10,
      description: 'Pages of 100 changed tasks read per poll.',
    }),
  }),
  output: task,
  dedupe: { by: 'timestamp', field: 'created_at' },
  examples: [{ title: 'New tasks of a project', input: { project: '1204000000000001' } }],
  async poll({ input, auth, ctx, since }) {
    const modifiedSince = since ?? new Date(Date.now() - FIRST_LOOKBACK_MS).toISOString();
    const found: AsanaTask[] = [];
    await callAsana(auth, ctx, async ({ tasks }) => {
      let offset: string | undefined;
      for (let page = 0; page < input.maxPages; page++) {
        const result: { data: AsanaTask[]; next_page?: { offset: string } | null } = await tasks.getTasks({
          project: input.project,
          modified_since: modifiedSince,
          limit: PAGE,
          ...(offset ? { offset } : {}),
          opt_fields: TASK_FIELDS,
        });
        found.push(...result.data);
        offset = result.next_page?.offset;
        if (!offset) break;
      }
    });
    return found
      .filter((t) => since === undefined || Date.parse(t.created_at) > Date.parse(since))
      .map(toTask)
      .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
  },
});
