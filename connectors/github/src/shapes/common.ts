import { type TSchema, Type } from '@mova/sdk';

type SchemaOptions = Parameters<typeof Type.Union>[1];

/** A value GitHub may send (or accept) as null. */
export const Nullable = <T extends TSchema>(schema: T, options?: SchemaOptions) =>
  Type.Union([schema, Type.Null()], options);

export const Timestamp = (description: string) => Type.String({ format: 'date-time', description });

export const NullableTimestamp = (description: string) =>
  Nullable(Type.String({ format: 'date-time' }), { description });

export const owner = Type.String({
  minLength: 1,
  description: 'Account that owns the repository, a user or an organization, e.g. "octocat".',
});

export const repo = Type.String({
  minLength: 1,
  description: 'Repository name without the owner, e.g. "Hello-World".',
});

export const issueNumber = (description = 'The issue number shown in its URL, e.g. 1347.') =>
  Type.Integer({ minimum: 1, description });

export const pullNumber = (description = 'The pull request number shown in its URL, e.g. 1347.') =>
  Type.Integer({ minimum: 1, description });

/** How many items a list action returns; it follows GitHub's Link header until it has that many. */
export const limit = (what: string) =>
  Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 30,
    description: `Most ${what} to return (1-1000). Pages of up to 100 are read until this many are found.`,
  });

export const direction = Type.Optional(
  Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'Sort order; GitHub defaults to desc.' }),
);
