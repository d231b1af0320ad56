import { type Static, Type } from '@mova/sdk';

/** The fields every task read asks for (Asana returns compact records without opt_fields). */
export const TASK_FIELDS = [
  'name',
  'notes',
  'completed',
  'completed_at',
  'assignee.name',
  'due_on',
  'due_at',
  'start_on',
  'created_at',
  'modified_at',
  'permalink_url',
  'projects.name',
  'workspace.name',
  'parent.name',
  'tags.name',
  'custom_fields.name',
  'custom_fields.display_value',
].join(',');

const ref = (what: string) =>
  Type.Object(
    {
      gid: Type.String({ description: `${what} GID.` }),
      name: Type.Union([Type.String(), Type.Null()], { description: `${what} name.` }),
    },
    { description: what },
  );

export const task = Type.Object({
  gid: Type.String({ description: 'Task GID.' }),
  name: Type.String({ description: 'Task name.' }),
  notes: Type.String({ description: 'Description, as plain text.' }),
  completed: Type.Boolean({ description: 'Whether the task is complete.' }),
  completed_at: Type.Union([Type.String(), Type.Null()], { description: 'When it was completed (ISO 8601).' }),
  assignee: Type.Union([ref('Assignee'), Type.Null()], { description: 'Who the task is assigned to.' }),
  due_on: Type.Union([Type.String(), Type.Null()], { description: 'Due date (YYYY-MM-DD).' }),
  due_at: Type.Union([Type.String(), Type.Null()], { description: 'Due time (ISO 8601), when one is set.' }),
  start_on: Type.Union([Type.String(), Type.Null()], { description: 'Start date (YYYY-MM-DD).' }),
  created_at: Type.String({ description: 'When the task was created (ISO 8601).' }),
  modified_at: Type.String({ description: 'When the task last changed (ISO 8601).' }),
  permalink_url: Type.Union([Type.String(), Type.Null()], { description: 'Link to the task in Asana.' }),
  projects: Type.Array(ref('Project'), { description: 'Projects the task is in.' }),
  workspace: Type.Union([ref('Workspace'), Type.Null()], { description: 'Workspace of the task.' }),
  parent: Type.Union([ref('Parent task'), Type.Null()], { description: 'Parent task, for a subtask.' }),
  tags: Type.Array(ref('Tag'), { description: 'Tags on the task.' }),
  custom_fields: Type.Array(
    Type.Object({
      gid: Type.String({ description: 'Custom field GID.' }),
      name: Type.String({ description: 'Custom field name.' }),
      display_value: Type.Union([Type.String(), Type.Null()], { description: 'The value as Asana displays it.' }),
    }),
    { description: 'Custom field values.' },
  ),
});
export type Task = Static<typeof task>;

type Ref = { gid: string; name?: string | null };
/** A task as Asana sends it with TASK_FIELDS. */
export interface AsanaTask {
  gid: string;
  name?: string;
  notes?: string;
  completed?: boolean;
  completed_at?: string | null;
  assignee?: Ref | null;
  due_on?: string | null;
  due_at?: string | null;
  start_on?: string | null;
  created_at: string;
  modified_at: string;
  permalink_url?: string | null;
  projects?: Ref[];
  workspace?: Ref | null;
  parent?: Ref | null;
  tags?: Ref[];
  custom_fields?: { gid: string; name?: string; display_value?: string | null }[];
}

const toRef = (r: Ref) => ({ gid: r.gid, name: r.name ?? null });

export function toTask(t: AsanaTask): Task {
  return {
    gid: t.gid,
    name: t.name ?? '',
    notes: t.notes ?? '',
    completed: t.completed ?? false,
    completed_at: t.completed_at ?? null,
    assignee: t.assignee ? toRef(t.assignee) : null,
    due_on: t.due_on ?? null,
    due_at: t.due_at ?? null,
    start_on: t.start_on ?? null,
    created_at: t.created_at,
    modified_at: t.modified_at,
    permalink_url: t.permalink_url ?? null,
    projects: (t.projects ?? []).map(toRef),
    workspace: t.workspace ? toRef(t.workspace) : null,
    parent: t.parent ? toRef(t.parent) : null,
    tags: (t.tags ?? []).map(toRef),
    custom_fields: (t.custom_fields ?? []).map((f) => ({
      gid: f.gid,
      name: f.name ?? '',
      display_value: f.display_value ?? null,
    })),
  };
}

export const gid = (description: string) =>
  Type.String({ pattern: '^[0-9]+$', description: `${description} (numeric GID).` });

/** Fields a task write may carry, shared by create and update. */
export const taskFields = {
  name: Type.Optional(Type.String({ minLength: 1, description: 'Task name.' })),
  notes: Type.Optional(Type.String({ description: 'Description as plain text (give this or html_notes).' })),
  html_notes: Type.Optional(Type.String({ description: 'Description as Asana rich text, wrapped in <body>…</body>.' })),
  assignee: Type.Optional(
    Type.Union([Type.String({ minLength: 1 }), Type.Null()], {
      description: 'Assignee: a user GID, an email, or me; null unassigns.',
    }),
  ),
  due_on: Type.Optional(
    Type.Union([Type.String({ format: 'date' }), Type.Null()], { description: 'Due date (YYYY-MM-DD); null clears.' }),
  ),
  due_at: Type.Optional(
    Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'Due time (ISO 8601), instead of due_on.',
    }),
  ),
  start_on: Type.Optional(
    Type.Union([Type.String({ format: 'date' }), Type.Null()], {
      description: 'Start date (YYYY-MM-DD); needs a due date.',
    }),
  ),
  custom_fields: Type.Optional(
    Type.Record(
      Type.String({ pattern: '^[0-9]+$' }),
      Type.Union([Type.String(), Type.Number(), Type.Array(Type.String()), Type.Null()]),
      {
        description: 'Custom field values by field GID: text, a number, an enum option GID, or a list of option GIDs.',
      },
    ),
  ),
};
