import { Type } from '@mova/sdk';
import { Nullable, NullableTimestamp, Timestamp } from './common.js';
import { Label, type LabelData, labelsFrom } from './label.js';
import { User, type UserData, userFrom } from './user.js';

const Branch = (description: string) =>
  Type.Object(
    {
      ref: Type.String({ description: 'Branch name, e.g. "main".' }),
      sha: Type.String({ description: 'Commit the branch pointed at.' }),
      label: Type.String({ description: 'owner:branch, e.g. "octocat:new-topic".' }),
    },
    { description },
  );

/** The pull request fields that list, get and create all return. */
export const PullSummary = Type.Object({
  id: Type.Integer({ description: 'Global id of the pull request.' }),
  number: Type.Integer({ description: 'Number within the repository.' }),
  title: Type.String({ description: 'Title of the pull request.' }),
  body: Nullable(Type.String(), { description: 'Description (Markdown); null when empty.' }),
  state: Type.String({ description: '"open" or "closed" (a merged pull request is closed, with merged_at set).' }),
  draft: Type.Boolean({ description: 'Whether it is a draft.' }),
  html_url: Type.String({ format: 'uri', description: 'Page of the pull request on GitHub.' }),
  user: Nullable(User(), { description: 'Who opened it.' }),
  labels: Type.Array(Label, { description: 'Labels on the pull request.' }),
  head: Branch('The branch with the changes.'),
  base: Branch('The branch it merges into.'),
  merged_at: NullableTimestamp('When it was merged; null if it was not.'),
  created_at: Timestamp('When it was opened.'),
  updated_at: Timestamp('When it last changed.'),
  closed_at: NullableTimestamp('When it was closed or merged; null while open.'),
});

/** A single pull request: the summary plus merge state and size, which only GET and create return. */
export const Pull = Type.Composite([
  PullSummary,
  Type.Object({
    merged: Type.Boolean({ description: 'Whether it has been merged.' }),
    mergeable: Nullable(Type.Boolean(), {
      description: 'Whether it can be merged without conflicts; null while GitHub is still computing it.',
    }),
    mergeable_state: Type.String({ description: 'Merge readiness, e.g. "clean", "dirty", "blocked", "unknown".' }),
    comments: Type.Integer({ description: 'Conversation comments.' }),
    commits: Type.Integer({ description: 'Commits in the pull request.' }),
    additions: Type.Integer({ description: 'Lines added.' }),
    deletions: Type.Integer({ description: 'Lines removed.' }),
    changed_files: Type.Integer({ description: 'Files changed.' }),
  }),
]);

interface BranchData {
  ref: string;
  sha: string;
  label: string;
}

export interface PullSummaryData {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: string;
  draft?: boolean;
  html_url: string;
  user: UserData | null;
  labels: LabelData[];
  head: BranchData;
  base: BranchData;
  merged_at: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface PullData extends PullSummaryData {
  merged: boolean;
  mergeable: boolean | null;
  mergeable_state: string;
  comments: number;
  commits: number;
  additions: number;
  deletions: number;
  changed_files: number;
}

const branchFrom = (branch: BranchData) => ({ ref: branch.ref, sha: branch.sha, label: branch.label });

export function pullSummaryFrom(pull: PullSummaryData) {
  return {
    id: pull.id,
    number: pull.number,
    title: pull.title,
    body: pull.body,
    state: pull.state,
    draft: pull.draft ?? false,
    html_url: pull.html_url,
    user: pull.user ? userFrom(pull.user) : null,
    labels: labelsFrom(pull.labels),
    head: branchFrom(pull.head),
    base: branchFrom(pull.base),
    merged_at: pull.merged_at,
    created_at: pull.created_at,
    updated_at: pull.updated_at,
    closed_at: pull.closed_at,
  };
}

export function pullFrom(pull: PullData) {
  return {
    ...pullSummaryFrom(pull),
    merged: pull.merged,
    mergeable: pull.mergeable,
    mergeable_state: pull.mergeable_state,
    comments: pull.comments,
    commits: pull.commits,
    additions: pull.additions,
    deletions: pull.deletions,
    changed_files: pull.changed_files,
  };
}
