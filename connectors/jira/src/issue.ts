import { type Static, Type } from '@mova/sdk';
import { adfToText } from './adf.js';
import { browseUrl, type Jira } from './client.js';

const nullableString = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

export const userSchema = (description: string) =>
  Type.Union(
    [
      Type.Object({
        id: Type.String({ description: 'Cloud: the accountId; Data Center: the username' }),
        displayName: Type.String({ description: 'Name Jira shows for the user' }),
        email: nullableString('Email address, when the user makes it visible'),
      }),
      Type.Null(),
    ],
    { description },
  );

/** An issue as steps see it: the fields workflows use most by name, every field as Jira gave it too. */
export const issueSchema = Type.Object({
  id: Type.String({ description: 'Numeric id of the issue, as a string' }),
  key: Type.String({ description: 'Issue key, e.g. PROJ-123' }),
  url: Type.String({ description: 'The issue in the Jira web UI' }),
  summary: nullableString('Summary (title)'),
  description: nullableString('Description as plain text (Cloud rich text flattened; Data Center wiki markup as is)'),
  status: nullableString('Workflow status, e.g. "In Progress"'),
  statusCategory: nullableString('Status category key: "new", "indeterminate" or "done"'),
  issueType: nullableString('Issue type, e.g. "Bug"'),
  projectKey: nullableString('Key of the issue’s project'),
  priority: nullableString('Priority, e.g. "High"'),
  labels: Type.Array(Type.String(), { description: 'Labels' }),
  assignee: userSchema('Assignee, or null when unassigned'),
  reporter: userSchema('Reporter'),
  resolution: nullableString('Resolution, e.g. "Done", or null while unresolved'),
  created: nullableString('When the issue was created (Jira timestamp with offset)'),
  updated: nullableString('When the issue last changed (Jira timestamp with offset)'),
  fields: Type.Record(Type.String(), Type.Unknown(), {
    description: 'Every field Jira returned, by field id (custom fields as customfield_NNNNN)',
  }),
});

export type Issue = Static<typeof issueSchema>;

type Record_ = Record<string, unknown>;

function obj(value: unknown): Record_ | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record_) : undefined;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function userOf(value: unknown): Static<ReturnType<typeof userSchema>> {
  const user = obj(value);
  if (!user) return null;
  const id = str(user.accountId) ?? str(user.name) ?? str(user.key);
  if (id === null) return null;
  return { id, displayName: str(user.displayName) ?? id, email: str(user.emailAddress) };
}

/**
 * One issue from Jira's issue bean (`GET /issue/{key}`, search results) as `issueSchema` says.
 * @example toIssue(jira, { id: '10001', key: 'PROJ-1', fields: { summary: 'Fix login' } }).summary // 'Fix login'
 */
export function toIssue(jira: Pick<Jira, 'siteUrl'>, raw: unknown): Issue {
  const bean = obj(raw) ?? {};
  const fields = obj(bean.fields) ?? {};
  const key = str(bean.key) ?? '';
  const status = obj(fields.status);
  return {
    id: String(bean.id ?? ''),
    key,
    url: browseUrl(jira, key),
    summary: str(fields.summary),
    description: adfToText(fields.description),
    status: str(status?.name),
    statusCategory: str(obj(status?.statusCategory)?.key),
    issueType: str(obj(fields.issuetype)?.name),
    projectKey: str(obj(fields.project)?.key),
    priority: str(obj(fields.priority)?.name),
    labels: Array.isArray(fields.labels) ? fields.labels.filter((l): l is string => typeof l === 'string') : [],
    assignee: userOf(fields.assignee),
    reporter: userOf(fields.reporter),
    resolution: str(obj(fields.resolution)?.name),
    created: str(fields.created),
    updated: str(fields.updated),
    fields,
  };
}

/** Input field: which fields to fetch. */
export const fieldsInput = Type.Optional(
  Type.Array(Type.String({ minLength: 1 }), {
    description:
      'Fields to fetch, e.g. ["summary","status","customfield_10010"]; "*all" for every field, "*navigable" for the navigable ones. Default: every field (get) or the navigable ones (search).',
  }),
);

export const issueKeyInput = Type.String({
  minLength: 1,
  description: 'Issue key (PROJ-123) or numeric issue id',
});
