import { Pipelines } from '@gitbeaker/rest';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGitlab } from '../client.js';
import { pipelineSchema, projectField, toPipeline } from '../schemas.js';

export const createPipeline = defineAction({
  auth,
  key: 'pipelines.create',
  title: 'Run a pipeline',
  description: 'Starts a new CI/CD pipeline for a branch or tag, with CI/CD variables if given.',
  input: Type.Object({
    project: projectField,
    ref: Type.String({ minLength: 1, description: 'Branch or tag to run the pipeline for, e.g. main' }),
    variables: Type.Optional(
      Type.Array(
        Type.Object({
          key: Type.String({ pattern: '^[A-Za-z0-9_]+$', description: 'Variable name, e.g. DEPLOY_ENV' }),
          value: Type.String({ description: 'Variable value' }),
          variableType: Type.Optional(
            Type.Union([Type.Literal('env_var'), Type.Literal('file')], {
              description: 'env_var (default) or file (the value is written to a file whose path the variable holds)',
            }),
          ),
        }),
        { description: 'CI/CD variables for this pipeline' },
      ),
    ),
  }),
  output: pipelineSchema,
  examples: [{ input: { project: 'acme/api', ref: 'main', variables: [{ key: 'DEPLOY_ENV', value: 'staging' }] } }],
  async run({ input, auth, ctx }) {
    const pipeline = await withGitlab(auth, ctx, Pipelines, (pipelines) =>
      pipelines.create(input.project, input.ref, {
        variables: input.variables?.map((v) => ({
          key: v.key,
          value: v.value,
          ...(v.variableType ? { variable_type: v.variableType } : {}),
        })),
      }),
    );
    return toPipeline(pipeline);
  },
});
