import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDocker } from '../client.js';
import { containerSummarySchema, toContainerSummary } from '../schemas.js';

export const listContainers = defineAction({
  auth,
  key: 'containers.list',
  title: 'List containers',
  description:
    'Lists containers like docker ps: running ones, or all with all: true, filtered by status, name, label or image ancestor.',
  input: Type.Object({
    all: Type.Boolean({ default: false, description: 'Include stopped containers (docker ps -a)' }),
    status: Type.Optional(
      Type.Array(
        Type.Union(
          ['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead'].map((s) => Type.Literal(s)),
        ),
        { description: 'Only containers in these states' },
      ),
    ),
    names: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Only containers whose name contains one of these' }),
    ),
    labels: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Only containers with these labels: key or key=value' }),
    ),
    ancestor: Type.Optional(
      Type.String({ minLength: 1, description: 'Only containers created from this image (name, name:tag or ID)' }),
    ),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Only the most recently created containers, this many' }),
    ),
  }),
  output: Type.Object({
    containers: Type.Array(containerSummarySchema, { description: 'The containers, newest first' }),
  }),
  examples: [{ title: 'Running containers of the web stack', input: { labels: ['com.docker.compose.project=web'] } }],
  async run({ input, auth, ctx }) {
    const filters = {
      ...(input.status ? { status: input.status } : {}),
      ...(input.names ? { name: input.names } : {}),
      ...(input.labels ? { label: input.labels } : {}),
      ...(input.ancestor ? { ancestor: [input.ancestor] } : {}),
    };
    const containers = await withDocker(auth, ctx, (docker) =>
      docker.listContainers({
        all: input.all,
        ...(input.limit ? { limit: input.limit } : {}),
        ...(Object.keys(filters).length > 0 ? { filters: JSON.stringify(filters) } : {}),
        abortSignal: ctx.signal,
      }),
    );
    return { containers: containers.map(toContainerSummary) };
  },
});
