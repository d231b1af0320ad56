import { type Static, type TSchema, Type } from '@mova/sdk';

/** `schema` or null, with one description. */
const nullable = <T extends TSchema>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description });

export const projectField = Type.String({
  minLength: 1,
  description: 'Project: its numeric ID (e.g. 278964) or its full path (e.g. gitlab-org/gitlab)',
});

export const iidField = (what: string) =>
  Type.Integer({ minimum: 1, description: `${what} number inside the project (the iid shown as #12 or !12)` });

export const pageFields = {
  page: Type.Integer({ minimum: 1, default: 1, description: 'Page to read, from 1 (default 1)' }),
  perPage: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Items per page, 1–100 (default 20)' }),
};

export const pageInfo = {
  nextPage: nullable(Type.Integer(), 'Number of the next page (X-Next-Page), or null on the last page'),
  total: nullable(
    Type.Integer(),
    'Items in all pages (X-Total); null when GitLab leaves it out (listings over 10,000 items)',
  ),
};

const user = Type.Object(
  {
    id: Type.Integer({ description: 'User ID' }),
    username: Type.String({ description: 'Username, without @' }),
    name: Type.String({ description: 'Display name' }),
  },
  { description: 'A GitLab user' },
);

export const issueSchema = Type.Object({
  id: Type.Integer({ description: 'Global issue ID' }),
  iid: Type.Integer({ description: 'Issue number inside the project (#iid)' }),
  projectId: Type.Integer({ description: 'ID of the project' }),
  title: Type.String({ description: 'Title' }),
  description: nullable(Type.String(), 'Description (Markdown)'),
  state: Type.String({ description: 'opened or closed' }),
  labels: Type.Array(Type.String(), { description: 'Label names' }),
  assignees: Type.Array(Type.String(), { description: 'Usernames of the assignees' }),
  author: nullable(user, 'Who opened it'),
  milestone: nullable(Type.String(), 'Title of its milestone'),
  dueDate: nullable(Type.String(), 'Due date, YYYY-MM-DD'),
  confidential: Type.Boolean({ description: 'Whether only project members with Reporter role can see it' }),
  webUrl: Type.String({ description: 'Link to the issue in GitLab' }),
  createdAt: Type.String({ description: 'When it was opened (ISO 8601)' }),
  updatedAt: Type.String({ description: 'When it last changed (ISO 8601)' }),
  closedAt: nullable(Type.String(), 'When it was closed (ISO 8601)'),
});
export type Issue = Static<typeof issueSchema>;

export const mergeRequestSchema = Type.Object({
  id: Type.Integer({ description: 'Global merge request ID' }),
  iid: Type.Integer({ description: 'Merge request number inside the project (!iid)' }),
  projectId: Type.Integer({ description: 'ID of the target project' }),
  title: Type.String({ description: 'Title' }),
  description: nullable(Type.String(), 'Description (Markdown)'),
  state: Type.String({ description: 'opened, closed, locked or merged' }),
  sourceBranch: Type.String({ description: 'Branch with the changes' }),
  targetBranch: Type.String({ description: 'Branch it merges into' }),
  draft: Type.Boolean({ description: 'Whether it is marked as a draft' }),
  detailedMergeStatus: nullable(
    Type.String(),
    'Whether it can be merged: mergeable, conflict, draft_status, ci_must_pass, not_approved, checking, …',
  ),
  sha: nullable(Type.String(), 'Head commit of the source branch'),
  mergeCommitSha: nullable(Type.String(), 'The merge commit, once merged'),
  labels: Type.Array(Type.String(), { description: 'Label names' }),
  assignees: Type.Array(Type.String(), { description: 'Usernames of the assignees' }),
  author: nullable(user, 'Who opened it'),
  webUrl: Type.String({ description: 'Link to the merge request in GitLab' }),
  createdAt: Type.String({ description: 'When it was opened (ISO 8601)' }),
  updatedAt: Type.String({ description: 'When it last changed (ISO 8601)' }),
  mergedAt: nullable(Type.String(), 'When it was merged (ISO 8601)'),
});
export type MergeRequest = Static<typeof mergeRequestSchema>;

export const pipelineSchema = Type.Object({
  id: Type.Integer({ description: 'Pipeline ID' }),
  iid: nullable(Type.Integer(), 'Pipeline number inside the project'),
  projectId: Type.Integer({ description: 'ID of the project' }),
  status: Type.String({
    description:
      'created, waiting_for_resource, preparing, pending, running, success, failed, canceled, skipped, manual or scheduled',
  }),
  source: nullable(Type.String(), 'What started it: push, web, api, trigger, schedule, merge_request_event, …'),
  ref: Type.String({ description: 'Branch or tag it ran for' }),
  sha: Type.String({ description: 'Commit it ran for' }),
  webUrl: Type.String({ description: 'Link to the pipeline in GitLab' }),
  createdAt: Type.String({ description: 'When it was created (ISO 8601)' }),
  updatedAt: nullable(Type.String(), 'When it last changed (ISO 8601)'),
});
export type Pipeline = Static<typeof pipelineSchema>;

export const noteSchema = Type.Object({
  id: Type.Integer({ description: 'Comment (note) ID' }),
  body: Type.String({ description: 'Comment text (Markdown)' }),
  author: nullable(user, 'Who wrote it'),
  internal: Type.Boolean({ description: 'Whether it is an internal note, visible to project members only' }),
  createdAt: Type.String({ description: 'When it was written (ISO 8601)' }),
});
export type Note = Static<typeof noteSchema>;

export const projectSchema = Type.Object({
  id: Type.Integer({ description: 'Project ID' }),
  name: Type.String({ description: 'Project name' }),
  pathWithNamespace: Type.String({ description: 'Full path, e.g. gitlab-org/gitlab' }),
  description: nullable(Type.String(), 'Project description'),
  defaultBranch: nullable(Type.String(), 'Default branch (null for an empty repository)'),
  visibility: nullable(Type.String(), 'private, internal or public'),
  webUrl: Type.String({ description: 'Link to the project in GitLab' }),
  createdAt: Type.String({ description: 'When it was created (ISO 8601)' }),
  lastActivityAt: nullable(Type.String(), 'Last activity (ISO 8601)'),
});
export type Project = Static<typeof projectSchema>;

// GitLab answers snake_case JSON; these read one object of it without trusting its shape.
type Json = Record<string, unknown>;

export function fieldsOf(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
}
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number => (typeof value === 'number' ? value : 0);
const labelsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((label) => (typeof label === 'string' ? label : text(fieldsOf(label).name))) : [];
const usernames = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((u) => text(fieldsOf(u).username)) : [];

function userOf(value: unknown): Static<typeof user> | null {
  if (typeof value !== 'object' || value === null) return null;
  const u = fieldsOf(value);
  return { id: int(u.id), username: text(u.username), name: text(u.name) };
}

export function toIssue(value: unknown): Issue {
  const i = fieldsOf(value);
  return {
    id: int(i.id),
    iid: int(i.iid),
    projectId: int(i.project_id),
    title: text(i.title),
    description: textOrNull(i.description),
    state: text(i.state),
    labels: labelsOf(i.labels),
    assignees: usernames(i.assignees),
    author: userOf(i.author),
    milestone: i.milestone ? textOrNull(fieldsOf(i.milestone).title) : null,
    dueDate: textOrNull(i.due_date),
    confidential: i.confidential === true,
    webUrl: text(i.web_url),
    createdAt: text(i.created_at),
    updatedAt: text(i.updated_at),
    closedAt: textOrNull(i.closed_at),
  };
}

export function toMergeRequest(value: unknown): MergeRequest {
  const m = fieldsOf(value);
  return {
    id: int(m.id),
    iid: int(m.iid),
    projectId: int(m.project_id),
    title: text(m.title),
    description: textOrNull(m.description),
    state: text(m.state),
    sourceBranch: text(m.source_branch),
    targetBranch: text(m.target_branch),
    draft: m.draft === true,
    detailedMergeStatus: textOrNull(m.detailed_merge_status),
    sha: textOrNull(m.sha),
    mergeCommitSha: textOrNull(m.merge_commit_sha),
    labels: labelsOf(m.labels),
    assignees: usernames(m.assignees),
    author: userOf(m.author),
    webUrl: text(m.web_url),
    createdAt: text(m.created_at),
    updatedAt: text(m.updated_at),
    mergedAt: textOrNull(m.merged_at),
  };
}

export function toPipeline(value: unknown): Pipeline {
  const p = fieldsOf(value);
  return {
    id: int(p.id),
    iid: typeof p.iid === 'number' ? p.iid : null,
    projectId: int(p.project_id),
    status: text(p.status),
    source: textOrNull(p.source),
    ref: text(p.ref),
    sha: text(p.sha),
    webUrl: text(p.web_url),
    createdAt: text(p.created_at),
    updatedAt: textOrNull(p.updated_at),
  };
}

export function toNote(value: unknown): Note {
  const n = fieldsOf(value);
  return {
    id: int(n.id),
    body: text(n.body),
    author: userOf(n.author),
    internal: n.internal === true || n.confidential === true,
    createdAt: text(n.created_at),
  };
}

export function toProject(value: unknown): Project {
  const p = fieldsOf(value);
  return {
    id: int(p.id),
    name: text(p.name),
    pathWithNamespace: text(p.path_with_namespace),
    description: textOrNull(p.description),
    defaultBranch: textOrNull(p.default_branch),
    visibility: textOrNull(p.visibility),
    webUrl: text(p.web_url),
    createdAt: text(p.created_at),
    lastActivityAt: textOrNull(p.last_activity_at),
  };
}

/** The paging headers of an expanded gitbeaker listing (X-Next-Page, X-Total). */
export function pageOf(info: { next: number | null; total: number }): {
  nextPage: number | null;
  total: number | null;
} {
  return { nextPage: info.next ?? null, total: Number.isNaN(info.total) ? null : info.total };
}
