// A loopback Linear GraphQL API for the conformance tests: Linear runs only at linear.app, publishes
// no emulator, and nock cannot reach the sandbox's worker. Each request's document is parsed with
// graphql-js; the operations @linear/sdk sends for the connector's actions are recognised by name,
// their variable definitions and values are checked against what Linear's schema declares for them,
// and the answer is the operation's selection set (fields, aliases, fragments, inline fragments,
// __typename) read off an in-memory workspace. Shapes follow Linear's developer documentation:
// - GraphQL endpoint, authentication (personal API key as-is, OAuth token as Bearer):
//   https://linear.app/developers/graphql, https://linear.app/developers/oauth-2-0-authentication
// - errors (HTTP 400 with errors[].extensions.type such as "authentication error", "invalid input"):
//   https://linear.app/developers/graphql#errors
// - rate limiting (RATELIMITED, X-RateLimit-Requests-* headers): https://linear.app/developers/rate-limiting
// - pagination (first/after, pageInfo.endCursor/hasNextPage, orderBy createdAt|updatedAt):
//   https://linear.app/developers/pagination
// - filtering (IssueFilter, e.g. team: { id: { eq } }): https://linear.app/developers/filtering
// - the schema's types (IssueCreateInput, IssueUpdateInput, CommentCreateInput, Issue, Team, Project,
//   Comment): https://studio.apollographql.com/public/Linear-API/variant/current/schema/reference
import { randomUUID } from 'node:crypto';
import { type ReferenceReply, type ReferenceServer, startReferenceServer } from '@mova/sdk/testing';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionSetNode,
} from 'graphql';

export const API_KEY = 'lin_api_conformance0123456789';
export const ACCESS_TOKEN = 'lin_oauth_conformance0123456789';

type Json = Record<string, unknown>;

class GraphQLFailure extends Error {
  constructor(
    message: string,
    readonly type: string,
    readonly code: string,
    readonly userPresentableMessage?: string,
  ) {
    super(message);
  }
}
const invalidInput = (message: string, userMessage?: string) =>
  new GraphQLFailure(message, 'invalid input', 'INPUT_ERROR', userMessage ?? message);
const validation = (message: string) => new GraphQLFailure(message, 'graphql error', 'GRAPHQL_VALIDATION_FAILED');
const notFound = (entity: string) =>
  new GraphQLFailure(
    `Entity not found: ${entity}`,
    'invalid input',
    'INPUT_ERROR',
    `Could not find referenced ${entity}.`,
  );

interface Operation {
  root: string;
  variables: Record<string, string>;
  resolve: (vars: Json) => unknown;
}

export interface LinearReference extends ReferenceServer {
  team: { id: string; key: string; states: Record<string, string>; labelId: string };
  /** The workspace's second team (OPS). */
  otherTeamId: string;
  viewerId: string;
  issues: Map<string, Json>;
  comments: Map<string, Json>;
  /** The operation names received, in order. */
  operations: string[];
  addIssue(fields: { title: string; createdAt?: string; teamId?: string; description?: string }): Json;
  /** Empties the issues and comments and restarts numbering. */
  reset(): void;
  /** Adds ENG-123, the issue the examples name. */
  exampleIds(): void;
}

const INPUT_FIELDS: Record<string, Record<string, 'string' | 'int' | 'float' | 'strings' | 'date'>> = {
  IssueCreateInput: {
    teamId: 'string',
    title: 'string',
    description: 'string',
    priority: 'int',
    assigneeId: 'string',
    stateId: 'string',
    projectId: 'string',
    labelIds: 'strings',
    estimate: 'int',
    dueDate: 'date',
    parentId: 'string',
    cycleId: 'string',
  },
  IssueUpdateInput: {
    title: 'string',
    description: 'string',
    priority: 'int',
    assigneeId: 'string',
    stateId: 'string',
    projectId: 'string',
    labelIds: 'strings',
    estimate: 'int',
    dueDate: 'date',
    parentId: 'string',
    cycleId: 'string',
    teamId: 'string',
  },
  CommentCreateInput: { issueId: 'string', body: 'string', parentId: 'string' },
};

export async function startLinear(): Promise<LinearReference> {
  const operations: string[] = [];
  // The ids the manifest's examples name, so every example runs as written.
  const teamId = '9cfb482a-81e3-4154-b5b9-2c805e70a02d';
  const otherTeamId = randomUUID();
  const viewerId = randomUUID();
  const states: Record<string, string> = {
    Backlog: randomUUID(),
    Todo: randomUUID(),
    'In Progress': 'f1b4a0e2-6c1d-4b1e-9a8f-3e2d1c0b9a87',
    Done: randomUUID(),
    Canceled: randomUUID(),
  };
  const labelId = 'a2f2b1c4-5d6e-4f70-8a9b-0c1d2e3f4a5b';
  const teams = [
    { id: teamId, key: 'ENG', name: 'Engineering', description: 'Product engineering', issueCount: 0 },
    { id: otherTeamId, key: 'OPS', name: 'Operations', description: null, issueCount: 0 },
  ];
  const projects = [
    { id: randomUUID(), name: 'Checkout revamp', state: 'started', progress: 0.4, targetDate: '2026-03-31' },
    { id: randomUUID(), name: 'Mobile app', state: 'planned', progress: 0, targetDate: null },
    { id: randomUUID(), name: 'Docs site', state: 'completed', progress: 1, targetDate: '2025-12-01' },
  ];
  const issues = new Map<string, Json>();
  const comments = new Map<string, Json>();
  let lastSyncId = 1000;
  const numbers = new Map<string, number>();

  const server = await startReferenceServer({
    check(request) {
      const auth = request.headers.authorization;
      if (auth !== API_KEY && auth !== `Bearer ${ACCESS_TOKEN}`) {
        return failure(
          new GraphQLFailure(
            'Authentication required, not authenticated',
            'authentication error',
            'AUTHENTICATION_ERROR',
            'You need to authenticate to access this operation.',
          ),
        );
      }
      if (request.method !== 'POST' || !request.headers['content-type']?.startsWith('application/json')) {
        return failure(new GraphQLFailure('POST a JSON body with query and variables', 'graphql error', 'BAD_REQUEST'));
      }
      return undefined;
    },
  });

  const issueJson = (fields: { title: string; teamId: string; createdAt?: string } & Json): Json => {
    const team = teams.find((t) => t.id === fields.teamId) ?? teams[0];
    const number = (numbers.get(String(team?.id)) ?? 0) + 1;
    numbers.set(String(team?.id), number);
    const id = randomUUID();
    const identifier = `${team?.key}-${number}`;
    const now = fields.createdAt ?? new Date().toISOString();
    return {
      __typename: 'Issue',
      id,
      identifier,
      number,
      title: fields.title,
      description: fields.description ?? null,
      priority: fields.priority ?? 0,
      estimate: fields.estimate ?? null,
      dueDate: fields.dueDate ?? null,
      url: `${server.url}/conformance/issue/${identifier}`,
      team: { id: team?.id },
      state: { id: fields.stateId ?? states.Backlog },
      assignee: fields.assigneeId ? { id: fields.assigneeId } : null,
      project: fields.projectId ? { id: fields.projectId } : null,
      parent: fields.parentId ? { id: fields.parentId } : null,
      creator: { id: viewerId },
      labelIds: fields.labelIds ?? [],
      previousIdentifiers: [],
      reactions: [],
      reactionData: [],
      sharedAccess: {
        __typename: 'IssueSharedAccess',
        disallowedIssueFields: [],
        sharedWithCount: 0,
        sharedWithUsers: [],
        viewerHasOnlySharedAccess: false,
        isShared: false,
      },
      customerTicketCount: 0,
      inheritsSharedAccess: true,
      boardOrder: 0,
      sortOrder: -number,
      prioritySortOrder: 0,
      branchName: `eng/${identifier.toLowerCase()}`,
      createdAt: now,
      updatedAt: now,
      completedAt: null,
      canceledAt: null,
      archivedAt: null,
      metadata: {},
    };
  };

  const priorityLabel = (p: unknown) => ['No priority', 'Urgent', 'High', 'Medium', 'Low'][Number(p)] ?? 'No priority';
  const withLabel = (issue: Json) => ({ ...issue, priorityLabel: priorityLabel(issue.priority) });
  const findIssue = (id: unknown) => [...issues.values()].find((i) => i.id === id || i.identifier === id);

  /** Checks an input object against its type's fields, as GraphQL's variable coercion and Linear's validation do. */
  function readInput(typeName: string, value: unknown): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw validation(
        `Variable "$input" got invalid value ${JSON.stringify(value)}; Expected type "${typeName}" to be an object.`,
      );
    const fields = INPUT_FIELDS[typeName] ?? {};
    for (const [key, v] of Object.entries(value)) {
      const kind = fields[key];
      if (!kind)
        throw validation(
          `Variable "$input" got invalid value ${JSON.stringify(value)}; Field "${key}" is not defined by type "${typeName}".`,
        );
      const ok =
        v === null ||
        (kind === 'string' && typeof v === 'string') ||
        (kind === 'int' && Number.isInteger(v)) ||
        (kind === 'float' && typeof v === 'number') ||
        (kind === 'strings' && Array.isArray(v) && v.every((x) => typeof x === 'string')) ||
        (kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v));
      if (!ok)
        throw validation(
          `Variable "$input" got invalid value ${JSON.stringify(v)} at "input.${key}"; ${kind === 'date' ? 'TimelessDate must be YYYY-MM-DD' : `Expected type ${kind}`}.`,
        );
    }
    const input = value as Json;
    if (input.priority !== undefined && (Number(input.priority) < 0 || Number(input.priority) > 4))
      throw invalidInput('Argument Validation Error', 'priority must not be greater than 4');
    if (input.stateId !== undefined && !Object.values(states).includes(String(input.stateId)))
      throw notFound('WorkflowState');
    if (input.labelIds !== undefined && (input.labelIds as string[]).some((id) => id !== labelId))
      throw notFound('IssueLabel');
    if (input.assigneeId !== undefined && input.assigneeId !== viewerId) throw notFound('User');
    if (input.projectId !== undefined && !projects.some((p) => p.id === input.projectId)) throw notFound('Project');
    if (typeName !== 'CommentCreateInput' && input.parentId !== undefined && !findIssue(input.parentId))
      throw notFound('Issue');
    return input;
  }

  const connection = (typename: string, nodes: Json[], vars: Json): Json => {
    const first = vars.first === undefined || vars.first === null ? 50 : Number(vars.first);
    if (!Number.isInteger(first) || first < 1 || first > 250) throw invalidInput('first must be between 1 and 250');
    let start = 0;
    if (vars.after !== undefined && vars.after !== null) {
      start = nodes.findIndex((n) => n.id === vars.after) + 1;
      if (start === 0) throw invalidInput(`Invalid cursor: ${String(vars.after)}`);
    }
    const page = nodes.slice(start, start + first);
    return {
      __typename: typename,
      nodes: page,
      pageInfo: {
        __typename: 'PageInfo',
        hasNextPage: start + first < nodes.length,
        hasPreviousPage: start > 0,
        startCursor: page[0]?.id ?? null,
        endCursor: page.at(-1)?.id ?? null,
      },
    };
  };

  const orderedIssues = (vars: Json, list: Json[]) => {
    const by = vars.orderBy ?? 'updatedAt';
    if (by !== 'createdAt' && by !== 'updatedAt')
      throw validation(
        `Variable "$orderBy" got invalid value "${String(by)}"; Value "${String(by)}" does not exist in "PaginationOrderBy" enum.`,
      );
    return [...list]
      .filter((i) => vars.includeArchived === true || i.archivedAt === null)
      .sort(
        (a, b) => String(b[String(by)]).localeCompare(String(a[String(by)])) || Number(b.number) - Number(a.number),
      );
  };

  const PAGING = {
    after: 'String',
    before: 'String',
    first: 'Int',
    last: 'Int',
    includeArchived: 'Boolean',
    orderBy: 'PaginationOrderBy',
  };
  const OPERATIONS: Record<string, Operation> = {
    viewer: {
      root: 'viewer',
      variables: {},
      resolve: () => ({
        __typename: 'User',
        id: viewerId,
        name: 'Ada Lovelace',
        displayName: 'ada',
        email: 'ada@example.com',
        active: true,
        admin: true,
        isMe: true,
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
        url: `${server.url}/conformance/profiles/ada`,
      }),
    },
    issue: {
      root: 'issue',
      variables: { id: 'String!' },
      resolve: (vars) => {
        const issue = findIssue(vars.id);
        if (!issue) throw notFound('Issue');
        return withLabel(issue);
      },
    },
    issues: {
      root: 'issues',
      variables: { ...PAGING, filter: 'IssueFilter', sort: '[IssueSortInput!]' },
      resolve: (vars) => {
        const filter = (vars.filter ?? {}) as Json;
        for (const key of Object.keys(filter))
          if (key !== 'team') throw invalidInput(`This reference filters issues by team only, not ${key}`);
        const teamEq = ((filter.team as Json | undefined)?.id as Json | undefined)?.eq;
        if (filter.team !== undefined && typeof teamEq !== 'string')
          throw validation('IssueFilter.team must be { id: { eq: String } }');
        const list = [...issues.values()].filter((i) => teamEq === undefined || (i.team as Json).id === teamEq);
        return connection('IssueConnection', orderedIssues(vars, list).map(withLabel), vars);
      },
    },
    searchIssues: {
      root: 'searchIssues',
      variables: { ...PAGING, filter: 'IssueFilter', includeComments: 'Boolean', teamId: 'String', term: 'String!' },
      resolve: (vars) => {
        const term = String(vars.term).toLowerCase();
        const list = [...issues.values()].filter(
          (i) =>
            (vars.teamId === undefined || vars.teamId === null || (i.team as Json).id === vars.teamId) &&
            [i.title, i.description, i.identifier].some(
              (text) => typeof text === 'string' && text.toLowerCase().includes(term),
            ),
        );
        return {
          ...connection(
            'IssueSearchPayload',
            orderedIssues(vars, list).map((i) => ({ ...withLabel(i), __typename: 'IssueSearchResult' })),
            vars,
          ),
          totalCount: list.length,
          archivePayload: {
            __typename: 'ArchiveResponse',
            archive: '',
            totalCount: 0,
            databaseVersion: 1,
            includesDependencies: [],
          },
        };
      },
    },
    createIssue: {
      root: 'issueCreate',
      variables: { input: 'IssueCreateInput!' },
      resolve: (vars) => {
        const input = readInput('IssueCreateInput', vars.input);
        if (typeof input.teamId !== 'string')
          throw validation(
            'Variable "$input" got invalid value; Field "teamId" of required type "String!" was not provided.',
          );
        if (!teams.some((t) => t.id === input.teamId)) throw notFound('Team');
        const issue = issueJson({ ...input, title: String(input.title ?? ''), teamId: String(input.teamId) });
        issues.set(String(issue.id), issue);
        return { __typename: 'IssuePayload', lastSyncId: ++lastSyncId, issue: { id: issue.id }, success: true };
      },
    },
    updateIssue: {
      root: 'issueUpdate',
      variables: { id: 'String!', input: 'IssueUpdateInput!' },
      resolve: (vars) => {
        const issue = findIssue(vars.id);
        if (!issue) throw notFound('Issue');
        const input = readInput('IssueUpdateInput', vars.input);
        for (const [key, value] of Object.entries(input)) {
          if (key === 'stateId') issue.state = { id: value };
          else if (key === 'assigneeId') issue.assignee = value === null ? null : { id: value };
          else if (key === 'projectId') issue.project = value === null ? null : { id: value };
          else if (key === 'parentId') issue.parent = value === null ? null : { id: value };
          else issue[key] = value;
        }
        const now = new Date().toISOString();
        issue.updatedAt = now;
        if (input.stateId === states.Done) issue.completedAt = now;
        if (input.stateId === states.Canceled) issue.canceledAt = now;
        return { __typename: 'IssuePayload', lastSyncId: ++lastSyncId, issue: { id: issue.id }, success: true };
      },
    },
    createComment: {
      root: 'commentCreate',
      variables: { input: 'CommentCreateInput!' },
      resolve: (vars) => {
        const input = readInput('CommentCreateInput', vars.input);
        const issue = findIssue(input.issueId);
        if (!issue) throw notFound('Issue');
        if (typeof input.body !== 'string' || input.body.trim() === '')
          throw invalidInput('Argument Validation Error', 'body should not be empty');
        if (input.parentId !== undefined && !comments.has(String(input.parentId))) throw notFound('Comment');
        const id = randomUUID();
        const now = new Date().toISOString();
        comments.set(id, {
          __typename: 'Comment',
          id,
          body: input.body,
          issueId: issue.id,
          issue: { id: issue.id },
          parentId: input.parentId ?? null,
          parent: input.parentId ? { id: input.parentId } : null,
          user: { id: viewerId },
          url: `${String(issue.url)}#comment-${id.slice(0, 8)}`,
          createdAt: now,
          updatedAt: now,
          reactions: [],
          reactionData: [],
        });
        return { __typename: 'CommentPayload', lastSyncId: ++lastSyncId, comment: { id }, success: true };
      },
    },
    comment: {
      root: 'comment',
      variables: { hash: 'String', id: 'String' },
      resolve: (vars) => {
        const comment = comments.get(String(vars.id));
        if (!comment) throw notFound('Comment');
        return comment;
      },
    },
    teams: {
      root: 'teams',
      variables: { ...PAGING, filter: 'TeamFilter' },
      resolve: (vars) =>
        connection(
          'TeamConnection',
          teams.map((t) => ({
            __typename: 'Team',
            ...t,
            displayName: t.name,
            createdAt: '2024-01-01T00:00:00.000Z',
            updatedAt: '2024-01-01T00:00:00.000Z',
          })),
          vars,
        ),
    },
    projects: {
      root: 'projects',
      variables: { ...PAGING, filter: 'ProjectFilter', sort: '[ProjectSortInput!]' },
      resolve: (vars) =>
        connection(
          'ProjectConnection',
          projects.map((p) => ({
            __typename: 'Project',
            ...p,
            url: `${server.url}/conformance/project/${p.id}`,
            labelIds: [],
            createdAt: '2024-01-01T00:00:00.000Z',
            updatedAt: '2024-01-01T00:00:00.000Z',
          })),
          vars,
        ),
    },
  };

  server.route('POST', '/graphql', (request) => {
    const body = request.body as Json;
    let document: DocumentNode;
    try {
      document = parse(String(body?.query ?? ''));
    } catch (error) {
      return failure(
        new GraphQLFailure(
          error instanceof Error ? error.message : String(error),
          'graphql error',
          'GRAPHQL_PARSE_FAILED',
        ),
      );
    }
    const [operationNode, ...more] = document.definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const fragments = new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((f) => [f.name.value, f]),
    );
    if (!operationNode || more.length > 0) return failure(validation('Send exactly one operation'));
    const name = operationNode.name?.value ?? '';
    operations.push(name);
    const operation = OPERATIONS[name];
    if (!operation) return failure(validation(`This reference does not serve the operation "${name}"`));
    try {
      const vars = readVariables(operationNode, operation, (body.variables ?? {}) as Json);
      const [rootField] = operationNode.selectionSet.selections;
      if (
        rootField?.kind !== Kind.FIELD ||
        rootField.name.value !== operation.root ||
        operationNode.selectionSet.selections.length !== 1
      ) {
        throw validation(`Operation "${name}" must select ${operation.root}`);
      }
      const value = operation.resolve(vars);
      return {
        body: {
          data: { [rootField.alias?.value ?? operation.root]: select(rootField.selectionSet, value, fragments) },
        },
      };
    } catch (error) {
      if (error instanceof GraphQLFailure) return failure(error, operation.root);
      throw error;
    }
  });

  return Object.assign(server, {
    team: { id: teamId, key: 'ENG', states, labelId },
    otherTeamId,
    viewerId,
    issues,
    comments,
    operations,
    addIssue(fields: { title: string; createdAt?: string; teamId?: string; description?: string }) {
      const issue = issueJson({ ...fields, teamId: fields.teamId ?? teamId });
      issues.set(String(issue.id), issue);
      return issue;
    },
    reset() {
      issues.clear();
      comments.clear();
      numbers.clear();
    },
    exampleIds() {
      numbers.set(teamId, 122);
      const issue = issueJson({ title: 'Checkout fails on Safari', teamId });
      issues.set(String(issue.id), issue);
    },
  });
}

/** The variables an operation declares, checked against what the schema declares for it, and their values. */
function readVariables(node: OperationDefinitionNode, operation: Operation, given: Json): Json {
  const declared = new Map((node.variableDefinitions ?? []).map((d) => [d.variable.name.value, print(d.type)]));
  for (const [name, type] of declared) {
    const expected = operation.variables[name];
    if (expected === undefined) throw validation(`Unknown argument "${name}" on field "Query.${operation.root}".`);
    if (expected !== type)
      throw validation(`Variable "$${name}" of type "${type}" used in position expecting type "${expected}".`);
  }
  for (const [name, type] of Object.entries(operation.variables)) {
    if (type.endsWith('!') && (given[name] === undefined || given[name] === null)) {
      throw validation(`Variable "$${name}" of required type "${type}" was not provided.`);
    }
  }
  for (const name of Object.keys(given)) {
    if (!declared.has(name)) throw validation(`Variable "$${name}" is not defined by operation "${node.name?.value}".`);
  }
  return given;
}

/** Reads `selectionSet` off `value`: fields (with aliases), __typename, fragment spreads and inline fragments. */
function select(
  selectionSet: SelectionSetNode | undefined,
  value: unknown,
  fragments: Map<string, FragmentDefinitionNode>,
): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => select(selectionSet, item, fragments));
  if (!selectionSet || typeof value !== 'object') return value;
  const object = value as Json;
  const out: Json = {};
  const typename = typeof object.__typename === 'string' ? object.__typename : undefined;
  // A fragment applies to objects of its type; this workspace names every object's type.
  const applies = (typeCondition: string | undefined) => typeCondition === undefined || typeCondition === typename;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      if (selection.name.value === '__typename') {
        out[key] = typename ?? null;
        continue;
      }
      out[key] = select(selection.selectionSet, object[selection.name.value], fragments);
    } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      if (!fragment) throw validation(`Unknown fragment "${selection.name.value}".`);
      if (applies(fragment.typeCondition.name.value))
        Object.assign(out, select(fragment.selectionSet, object, fragments));
    } else if (applies(selection.typeCondition?.name.value)) {
      Object.assign(out, select(selection.selectionSet, object, fragments));
    }
  }
  return out;
}

function failure(error: GraphQLFailure, path?: string): ReferenceReply {
  return {
    status: 400,
    body: {
      data: null,
      errors: [
        {
          message: error.message,
          ...(path ? { path: [path] } : {}),
          extensions: {
            type: error.type,
            code: error.code,
            ...(error.userPresentableMessage ? { userPresentableMessage: error.userPresentableMessage } : {}),
            userError: error.type === 'invalid input',
          },
        },
      ],
    },
  };
}
