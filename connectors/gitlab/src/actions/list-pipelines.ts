import { Pipelines } from '@gitbeaker/rest';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGitlab } from '../client.js';
import { pageFields, pageInfo, pageOf, pipelineSchema, projectField, toPipeline } from '../schemas.js';

const STATUSES = [
  'created',
  'waiting_for_resource',
  'preparing',
  'pending',
  'running',
  'success',
  'failed',
  'canceled',
  'skipped',
  'manual',
  'scheduled',
] as const;

export const listPipelines = defineAction({
  auth,
  key: 'pipelines.list',
  title: 'List pipelines',
  description: "Lists a project's pipelines, newest first, filtered by status, ref, source or update time.",
  input: Type.Object({
    project: projectField,
    status: Type.Optional(
      Type.Union(
        STATUSES.map((s) => Type.Literal(s)),
        { description: `Only pipelines with this status: ${STATUSES.join(', ')}` },
      ),
    ),
    ref: Type.Optional(Type.String({ minLength: 1, description: 'Only pipelines of this branch or tag' })),
    source: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Only pipelines started this way: push, web, api, trigger, schedule, …',
      }),
    ),
    updatedAfter: Type.Optional(
      Type.String({ format: 'date-time', description: 'Only pipelines changed after this time' }),
    ),
    ...pageFields,
  }),
  output: Type.Object({
    pipelines: Type.Array(pipelineSchema, { description: 'Pipelines on this page' }),
    ...pageInfo,
  }),
  examples: [{ title: 'Failed pipelines on main', input: { project: 'acme/api', ref: 'main', status: 'failed' } }],
  async run({ input, auth, ctx }) {
    const { data, paginationInfo } = await withGitlab(auth, ctx, Pipelines, (pipelines) =>
      pipelines.all(input.project, {
        status: input.status,
        ref: input.ref,
        source: input.source,
        updatedAfter: input.updatedAfter,
        page: input.page,
        perPage: input.perPage,
        showExpanded: true,
      }),
    );
    return { pipelines: data.map(toPipeline), ...pageOf(paginationInfo) };
  },
});
