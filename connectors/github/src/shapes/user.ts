import { Type } from '@mova/sdk';

export const User = (description = 'A GitHub account.') =>
  Type.Object(
    {
      login: Type.String({ description: 'User name, e.g. "octocat".' }),
      id: Type.Integer({ description: 'Account id.' }),
      type: Type.String({ description: '"User", "Bot" or "Organization".' }),
      html_url: Type.String({ format: 'uri', description: 'Profile page.' }),
    },
    { description },
  );

export interface UserData {
  login: string;
  id: number;
  type: string;
  html_url: string;
}

export function userFrom(user: UserData) {
  return { login: user.login, id: user.id, type: user.type, html_url: user.html_url };
}
