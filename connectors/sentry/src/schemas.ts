import { type Static, type TSchema, Type } from '@mova/sdk';

const nullable = <T extends TSchema>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description });

export const issueIdField = Type.String({
  pattern: '^[0-9]+$',
  description: 'Numeric issue ID, as in https://sentry.io/organizations/acme/issues/<id>/ (not the short ID)',
});

export const cursorField = Type.Optional(
  Type.String({ minLength: 1, description: 'nextCursor of the previous page; leave out for the first page' }),
);

export const issueSchema = Type.Object({
  id: Type.String({ description: 'Issue ID' }),
  shortId: Type.String({ description: 'Short ID shown in Sentry, e.g. BACKEND-4F' }),
  title: Type.String({ description: 'Title: the error type and message' }),
  culprit: nullable(Type.String(), 'Where it happens: function or transaction'),
  level: Type.String({ description: 'fatal, error, warning, info or debug' }),
  status: Type.String({ description: 'unresolved, resolved or ignored' }),
  substatus: nullable(Type.String(), 'ongoing, escalating, regressed, new, archived_until_escalating, …'),
  platform: nullable(Type.String(), 'Platform of the project, e.g. python'),
  project: Type.Object(
    {
      id: Type.String({ description: 'Project ID' }),
      slug: Type.String({ description: 'Project slug' }),
      name: Type.String({ description: 'Project name' }),
    },
    { description: 'Project the issue is in' },
  ),
  count: Type.Integer({ description: 'Events in the issue' }),
  userCount: Type.Integer({ description: 'Users affected' }),
  firstSeen: Type.String({ description: 'First event (ISO 8601)' }),
  lastSeen: Type.String({ description: 'Latest event (ISO 8601)' }),
  assignedTo: nullable(
    Type.Object({
      type: Type.String({ description: 'user or team' }),
      id: Type.String({ description: 'User or team ID' }),
      name: Type.String({ description: 'User or team name' }),
    }),
    'Who it is assigned to',
  ),
  permalink: Type.String({ description: 'Link to the issue in Sentry' }),
});
export type Issue = Static<typeof issueSchema>;

export const eventSchema = Type.Object({
  id: Type.String({ description: 'Event ID (32 hex characters)' }),
  title: Type.String({ description: 'Event title' }),
  message: nullable(Type.String(), 'Log message or error message'),
  platform: nullable(Type.String(), 'SDK platform, e.g. python'),
  dateCreated: Type.String({ description: 'When it happened (ISO 8601)' }),
  tags: Type.Record(Type.String(), Type.String(), { description: 'Tags by key: environment, release, browser, …' }),
  user: nullable(
    Type.Object({
      id: nullable(Type.String(), 'User ID'),
      email: nullable(Type.String(), 'User email'),
      username: nullable(Type.String(), 'Username'),
      ipAddress: nullable(Type.String(), 'IP address'),
    }),
    'The user the event happened to, when the SDK sent one',
  ),
});
export type Event = Static<typeof eventSchema>;

export const releaseSchema = Type.Object({
  version: Type.String({ description: 'Release version' }),
  shortVersion: Type.String({ description: 'Version as Sentry shortens it for display' }),
  ref: nullable(Type.String(), 'Commit or tag the release was built from'),
  url: nullable(Type.String(), 'Link to the release elsewhere (a CI run, a changelog)'),
  dateCreated: Type.String({ description: 'When it was created (ISO 8601)' }),
  dateReleased: nullable(Type.String(), 'When it was released (ISO 8601)'),
  projects: Type.Array(Type.String(), { description: 'Slugs of its projects' }),
});
export type Release = Static<typeof releaseSchema>;

type Json = Record<string, unknown>;

export function fieldsOf(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
}
const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
// Sentry sends counts as strings ("count": "42") and user counts as numbers.
const integer = (value: unknown): number => {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
};

export function toIssue(value: unknown): Issue {
  const i = fieldsOf(value);
  const project = fieldsOf(i.project);
  const assigned = i.assignedTo ? fieldsOf(i.assignedTo) : undefined;
  return {
    id: text(i.id),
    shortId: text(i.shortId),
    title: text(i.title),
    culprit: textOrNull(i.culprit),
    level: text(i.level),
    status: text(i.status),
    substatus: textOrNull(i.substatus),
    platform: textOrNull(i.platform),
    project: { id: text(project.id), slug: text(project.slug), name: text(project.name) },
    count: integer(i.count),
    userCount: integer(i.userCount),
    firstSeen: text(i.firstSeen),
    lastSeen: text(i.lastSeen),
    assignedTo: assigned ? { type: text(assigned.type), id: text(assigned.id), name: text(assigned.name) } : null,
    permalink: text(i.permalink),
  };
}

export function toEvent(value: unknown): Event {
  const e = fieldsOf(value);
  const user = e.user ? fieldsOf(e.user) : undefined;
  const tags = Array.isArray(e.tags) ? e.tags.map(fieldsOf) : [];
  return {
    id: text(e.eventID ?? e.id),
    title: text(e.title),
    message: textOrNull(e.message),
    platform: textOrNull(e.platform),
    dateCreated: text(e.dateCreated),
    tags: Object.fromEntries(tags.map((tag) => [text(tag.key), text(tag.value)])),
    user: user
      ? {
          id: textOrNull(user.id),
          email: textOrNull(user.email),
          username: textOrNull(user.username),
          ipAddress: textOrNull(user.ip_address ?? user.ipAddress),
        }
      : null,
  };
}

export function toRelease(value: unknown): Release {
  const r = fieldsOf(value);
  return {
    version: text(r.version),
    shortVersion: text(r.shortVersion),
    ref: textOrNull(r.ref),
    url: textOrNull(r.url),
    dateCreated: text(r.dateCreated),
    dateReleased: textOrNull(r.dateReleased),
    projects: Array.isArray(r.projects) ? r.projects.map((p) => text(fieldsOf(p).slug)) : [],
  };
}

export const projectSchema = Type.Object({
  id: Type.String({ description: 'Project ID (what issues.list takes in projectIds)' }),
  slug: Type.String({ description: 'Project slug (what releases.create takes)' }),
  name: Type.String({ description: 'Project name' }),
  platform: nullable(Type.String(), 'Platform, e.g. python or javascript-react'),
  dateCreated: Type.String({ description: 'When it was created (ISO 8601)' }),
});
export type Project = Static<typeof projectSchema>;

export function toProject(value: unknown): Project {
  const p = fieldsOf(value);
  return {
    id: text(p.id),
    slug: text(p.slug),
    name: text(p.name),
    platform: textOrNull(p.platform),
    dateCreated: text(p.dateCreated),
  };
}
