import { Type } from '@mova/sdk';
import { Nullable, NullableTimestamp } from './common.js';

export const Repository = Type.Object({
  id: Type.Integer({ description: 'Global id of the repository.' }),
  name: Type.String({ description: 'Name without the owner.' }),
  full_name: Type.String({ description: 'owner/name, e.g. "octocat/Hello-World".' }),
  owner: Nullable(Type.Object({ login: Type.String() }), { description: 'The user or organization that owns it.' }),
  private: Type.Boolean({ description: 'Whether only people with access can see it.' }),
  visibility: Type.Optional(Type.String({ description: '"public", "private" or "internal".' })),
  html_url: Type.String({ format: 'uri', description: 'Page of the repository on GitHub.' }),
  description: Nullable(Type.String(), { description: 'One-line description.' }),
  default_branch: Type.String({ description: 'Branch checked out by default, e.g. "main".' }),
  language: Nullable(Type.String(), { description: 'Main programming language, as GitHub detects it.' }),
  topics: Type.Array(Type.String(), { description: 'Topics (tags) of the repository.' }),
  fork: Type.Boolean({ description: 'Whether it is a fork.' }),
  archived: Type.Boolean({ description: 'Whether it is archived (read-only).' }),
  stargazers_count: Type.Integer({ description: 'Stars.' }),
  forks_count: Type.Integer({ description: 'Forks.' }),
  open_issues_count: Type.Integer({ description: 'Open issues and pull requests together.' }),
  created_at: NullableTimestamp('When the repository was created.'),
  updated_at: NullableTimestamp('When its settings or metadata last changed.'),
  pushed_at: NullableTimestamp('When a commit was last pushed.'),
});

export interface RepositoryData {
  id: number;
  name: string;
  full_name: string;
  owner: { login: string } | null;
  private: boolean;
  visibility?: string;
  html_url: string;
  description: string | null;
  default_branch: string;
  language: string | null;
  topics?: string[];
  fork: boolean;
  archived: boolean;
  stargazers_count: number;
  forks_count: number;
  open_issues_count: number;
  created_at: string | null;
  updated_at: string | null;
  pushed_at: string | null;
}

export function repositoryFrom(repo: RepositoryData) {
  return {
    id: repo.id,
    name: repo.name,
    full_name: repo.full_name,
    owner: repo.owner ? { login: repo.owner.login } : null,
    private: repo.private,
    ...(repo.visibility ? { visibility: repo.visibility } : {}),
    html_url: repo.html_url,
    description: repo.description,
    default_branch: repo.default_branch,
    language: repo.language,
    topics: repo.topics ?? [],
    fork: repo.fork,
    archived: repo.archived,
    stargazers_count: repo.stargazers_count,
    forks_count: repo.forks_count,
    open_issues_count: repo.open_issues_count,
    created_at: repo.created_at,
    updated_at: repo.updated_at,
    pushed_at: repo.pushed_at,
  };
}
