import type { Issue } from '@linear/sdk';
import { type Static, Type } from '@mova/sdk';

const nullableString = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

export const issueSchema = Type.Object({
  id: Type.String({ description: 'Issue id (UUID)' }),
  identifier: Type.String({ description: 'Human identifier, e.g. ENG-123' }),
  number: Type.Number({ description: 'Number within its team' }),
  title: Type.String({ description: 'Title' }),
  description: nullableString('Description in Markdown'),
  priority: Type.Number({ description: 'Priority: 0 none, 1 urgent, 2 high, 3 medium, 4 low' }),
  priorityLabel: Type.String({ description: 'Priority as Linear names it, e.g. High' }),
  estimate: Type.Union([Type.Number(), Type.Null()], { description: 'Estimate in points' }),
  dueDate: nullableString('Due date (YYYY-MM-DD)'),
  url: Type.String({ description: 'Link to the issue in Linear' }),
  teamId: nullableString('Team id'),
  stateId: nullableString('Workflow state id'),
  assigneeId: nullableString('Assignee’s user id'),
  projectId: nullableString('Project id'),
  parentId: nullableString('Parent issue id'),
  labelIds: Type.Array(Type.String(), { description: 'Label ids' }),
  createdAt: Type.String({ description: 'When it was created (ISO 8601)' }),
  updatedAt: Type.String({ description: 'When it was last updated (ISO 8601)' }),
  completedAt: nullableString('When it was completed'),
  canceledAt: nullableString('When it was canceled'),
});

export type IssueOutput = Static<typeof issueSchema>;

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** What issueOf reads: an Issue, or an IssueSearchResult (search answers carry the same fields). */
type IssueLike = Pick<
  Issue,
  | 'id'
  | 'identifier'
  | 'number'
  | 'title'
  | 'description'
  | 'priority'
  | 'priorityLabel'
  | 'estimate'
  | 'dueDate'
  | 'url'
  | 'teamId'
  | 'stateId'
  | 'assigneeId'
  | 'projectId'
  | 'parentId'
  | 'labelIds'
  | 'createdAt'
  | 'updatedAt'
  | 'completedAt'
  | 'canceledAt'
>;

export function issueOf(issue: IssueLike): IssueOutput {
  return {
    id: issue.id,
    identifier: issue.identifier,
    number: issue.number,
    title: issue.title,
    description: issue.description ?? null,
    priority: issue.priority,
    priorityLabel: issue.priorityLabel,
    estimate: issue.estimate ?? null,
    dueDate: issue.dueDate ?? null,
    url: issue.url,
    teamId: issue.teamId ?? null,
    stateId: issue.stateId ?? null,
    assigneeId: issue.assigneeId ?? null,
    projectId: issue.projectId ?? null,
    parentId: issue.parentId ?? null,
    labelIds: issue.labelIds,
    createdAt: issue.createdAt.toISOString(),
    updatedAt: issue.updatedAt.toISOString(),
    completedAt: iso(issue.completedAt),
    canceledAt: iso(issue.canceledAt),
  };
}

/** Fields of an issue a create or update sets; Linear's IssueCreateInput / IssueUpdateInput names. */
export const issueFields = {
  description: Type.Optional(Type.String({ description: 'Description in Markdown' })),
  priority: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 4, description: 'Priority: 0 none, 1 urgent, 2 high, 3 medium, 4 low' }),
  ),
  assigneeId: Type.Optional(Type.String({ minLength: 1, description: 'User id to assign' })),
  stateId: Type.Optional(
    Type.String({ minLength: 1, description: 'Workflow state id (e.g. the team’s “In Progress”)' }),
  ),
  projectId: Type.Optional(Type.String({ minLength: 1, description: 'Project id' })),
  labelIds: Type.Optional(
    Type.Array(Type.String({ minLength: 1 }), { description: 'Label ids (replaces the labels on update)' }),
  ),
  estimate: Type.Optional(Type.Integer({ minimum: 0, description: 'Estimate in points' })),
  dueDate: Type.Optional(Type.String({ format: 'date', description: 'Due date (YYYY-MM-DD)' })),
  parentId: Type.Optional(Type.String({ minLength: 1, description: 'Parent issue id, to make it a sub-issue' })),
};

export const pageInput = {
  first: Type.Integer({ minimum: 1, maximum: 250, default: 50, description: 'Items per page (1–250, default 50)' }),
  after: Type.Optional(
    Type.String({ minLength: 1, description: 'The endCursor of the previous page, to read the next one' }),
  ),
};

export const pageOutput = {
  hasNextPage: Type.Boolean({ description: 'Whether more items follow' }),
  endCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as after to read the next page' }),
};
