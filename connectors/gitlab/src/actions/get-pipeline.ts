import { Pipelines } from '@gitbeaker/rest';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGitlab } from '../client.js';
import { pipelineSchema, projectField, toPipeline } from '../schemas.js';

export const getPipeline = defineAction({
  auth,
  key: 'pipelines.get',
  title: 'Get a pipeline',
  description: 'Reads one pipeline by its ID, with its status.',
  input: Type.Object({
    project: projectField,
    pipelineId: Type.Integer({ minimum: 1, description: 'Pipeline ID (the number in /-/pipelines/<id>)' }),
  }),
  output: pipelineSchema,
  examples: [{ input: { project: 'acme/api', pipelineId: 1001 } }],
  async run({ input, auth, ctx }) {
    const pipeline = await withGitlab(auth, ctx, Pipelines, (pipelines) =>
      pipelines.show(input.project, input.pipelineId),
    );
    return toPipeline(pipeline);
  },
});
