import { Type } from '@mova/sdk';
import { Nullable, NullableTimestamp, Timestamp } from './common.js';
import { Label, type LabelData, labelsFrom } from './label.js';
import { User, type UserData, userFrom } from './user.js';

/** The fields of GitHub's issue object that workflows use, with GitHub's names. */
export const Issue = Type.Object({
  id: Type.Integer({ description: 'Global id; unlike the number it is unique across repositories.' }),
  number: Type.Integer({ description: 'Number within the repository.' }),
  title: Type.String({ description: 'Title of the issue.' }),
  body: Nullable(Type.String(), { description: 'Text of the issue (Markdown); null when empty.' }),
  state: Type.String({ description: '"open" or "closed".' }),
  state_reason: Nullable(Type.String(), {
    description: 'Why it was closed or reopened: "completed", "not_planned", "duplicate" or "reopened".',
  }),
  html_url: Type.String({ format: 'uri', description: 'Page of the issue on GitHub.' }),
  user: Nullable(User(), { description: 'Who opened it.' }),
  labels: Type.Array(Label, { description: 'Labels on the issue.' }),
  assignees: Type.Array(User(), { description: 'People assigned to it.' }),
  milestone: Nullable(
    Type.Object({
      number: Type.Integer({ description: 'Milestone number.' }),
      title: Type.String({ description: 'Milestone title.' }),
    }),
    {
      description: 'The milestone it belongs to, if any.',
    },
  ),
  comments: Type.Integer({ description: 'Number of comments.' }),
  locked: Type.Boolean({ description: 'Whether the conversation is locked.' }),
  pull_request: Type.Optional(
    Type.Object(
      { html_url: Nullable(Type.String({ format: 'uri' }), { description: 'Page of the pull request.' }) },
      { description: 'Present only when the issue is a pull request.' },
    ),
  ),
  created_at: Timestamp('When it was opened.'),
  updated_at: Timestamp('When it last changed.'),
  closed_at: NullableTimestamp('When it was closed; null while open.'),
});

export interface IssueData {
  id: number;
  number: number;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  html_url: string;
  user: UserData | null;
  labels: LabelData[];
  assignees?: UserData[] | null;
  milestone: { number: number; title: string } | null;
  comments: number;
  locked: boolean;
  pull_request?: { html_url: string | null };
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export function issueFrom(issue: IssueData) {
  return {
    id: issue.id,
    number: issue.number,
    title: issue.title,
    body: issue.body ?? null,
    state: issue.state,
    state_reason: issue.state_reason ?? null,
    html_url: issue.html_url,
    user: issue.user ? userFrom(issue.user) : null,
    labels: labelsFrom(issue.labels),
    assignees: (issue.assignees ?? []).map(userFrom),
    milestone: issue.milestone ? { number: issue.milestone.number, title: issue.milestone.title } : null,
    comments: issue.comments,
    locked: issue.locked,
    ...(issue.pull_request ? { pull_request: { html_url: issue.pull_request.html_url } } : {}),
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
  };
}
