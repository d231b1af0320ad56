import { type Static, Type } from '@mova/sdk';

export const user = Type.Object({
  id: Type.Integer({ description: 'User ID.' }),
  url: Type.String({ description: 'API URL of the user.' }),
  name: Type.String({ description: 'Full name.' }),
  email: Type.Union([Type.String(), Type.Null()], { description: 'Primary email address.' }),
  role: Type.String({ description: 'end-user, agent or admin.' }),
  phone: Type.Union([Type.String(), Type.Null()], { description: 'Primary phone number.' }),
  organization_id: Type.Union([Type.Integer(), Type.Null()], { description: 'Default organization.' }),
  external_id: Type.Union([Type.String(), Type.Null()], { description: 'ID of the user in another system.' }),
  tags: Type.Array(Type.String(), { description: 'Tags on the user.' }),
  active: Type.Boolean({ description: 'False once the user is deleted.' }),
  verified: Type.Boolean({ description: 'Whether the primary identity is verified.' }),
  suspended: Type.Boolean({ description: 'Whether the user is suspended.' }),
  created_at: Type.String({ description: 'When the user was created (ISO 8601).' }),
  updated_at: Type.String({ description: 'When the user last changed (ISO 8601).' }),
});
export type User = Static<typeof user>;

export type ZendeskUser = Partial<User> & Pick<User, 'id' | 'url' | 'name' | 'role' | 'created_at' | 'updated_at'>;

export function toUser(u: ZendeskUser): User {
  return {
    id: u.id,
    url: u.url,
    name: u.name,
    email: u.email ?? null,
    role: u.role,
    phone: u.phone ?? null,
    organization_id: u.organization_id ?? null,
    external_id: u.external_id ?? null,
    tags: u.tags ?? [],
    active: u.active ?? true,
    verified: u.verified ?? false,
    suspended: u.suspended ?? false,
    created_at: u.created_at,
    updated_at: u.updated_at,
  };
}
