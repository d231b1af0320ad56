import { Type } from '@mova/sdk';
import { Nullable, Timestamp } from './common.js';
import { User, type UserData, userFrom } from './user.js';

export const Comment = Type.Object({
  id: Type.Integer({ description: 'Comment id.' }),
  body: Type.String({ description: 'Markdown text.' }),
  html_url: Type.String({ format: 'uri', description: 'Link to the comment on GitHub.' }),
  user: Nullable(User(), { description: 'Who wrote it.' }),
  created_at: Timestamp('When it was posted.'),
  updated_at: Timestamp('When it was last edited.'),
});

export interface CommentData {
  id: number;
  body?: string;
  html_url: string;
  user: UserData | null;
  created_at: string;
  updated_at: string;
}

export function commentFrom(comment: CommentData) {
  return {
    id: comment.id,
    body: comment.body ?? '',
    html_url: comment.html_url,
    user: comment.user ? userFrom(comment.user) : null,
    created_at: comment.created_at,
    updated_at: comment.updated_at,
  };
}
