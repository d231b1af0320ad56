import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { owner, repo } from '../shapes/common.js';

export const dispatchWorkflow = defineAction({
  auth,
  key: 'workflows.dispatch',
  title: 'Run a GitHub Actions workflow',
  description:
    'Starts a workflow that has an on: workflow_dispatch trigger, on a branch or tag, with its inputs. GitHub queues the run and answers at once.',
  input: Type.Object({
    owner,
    repo,
    workflow_id: Type.Union([Type.String({ minLength: 1 }), Type.Integer({ minimum: 1 })], {
      description: 'The workflow file name, e.g. "deploy.yml", or its numeric id.',
    }),
    ref: Type.String({ minLength: 1, description: 'Branch or tag to run the workflow on, e.g. "main".' }),
    inputs: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Union([
          Type.String(),
          Type.Number(),
          Type.Boolean(),
          Type.Array(Type.Unknown()),
          Type.Record(Type.String(), Type.Unknown()),
        ]),
        {
          maxProperties: 25,
          description:
            'Values for the workflow\'s workflow_dispatch inputs, by input name. GitHub takes every value as a string, so numbers and booleans are sent as text (3 as "3", true as "true"), and objects and arrays as JSON text for the workflow to read with fromJSON().',
        },
      ),
    ),
  }),
  output: Type.Object({
    dispatched: Type.Literal(true, { description: 'GitHub accepted the request and queued a run.' }),
    workflow_id: Type.Union([Type.String(), Type.Integer()], { description: 'The workflow that was started.' }),
    ref: Type.String({ description: 'The branch or tag it runs on.' }),
  }),
  examples: [
    {
      title: 'Deploy main to staging',
      input: {
        owner: 'octocat',
        repo: 'Hello-World',
        workflow_id: 'deploy.yml',
        ref: 'main',
        inputs: { environment: 'staging' },
      },
      output: { dispatched: true, workflow_id: 'deploy.yml', ref: 'main' },
    },
  ],
  async run({ input, auth, ctx }) {
    const { inputs, ...params } = input;
    await github(auth, ctx).rest.actions.createWorkflowDispatch({
      ...params,
      ...(inputs ? { inputs: asText(inputs) } : {}),
    });
    return { dispatched: true as const, workflow_id: input.workflow_id, ref: input.ref };
  },
});

/** GitHub answers 422 to an input value that is not a string, whatever type the workflow declares for it. */
function asText(inputs: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [name, typeof value === 'string' ? value : textOf(value)]),
  );
}

const textOf = (value: unknown) => (typeof value === 'object' ? JSON.stringify(value) : String(value));
