import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "Create a workflow dispatch event":
// https://docs.github.com/en/rest/actions/workflows#create-a-workflow-dispatch-event
describe('workflows.dispatch', () => {
  useGitHubMock();

  // Regression: a number or boolean went out as JSON; GitHub takes only strings and answered 422.
  it('posts the ref and the inputs as strings to the workflow file; GitHub answers 204', async () => {
    githubApi()
      .post('/repos/octocat/Hello-World/actions/workflows/deploy.yml/dispatches', {
        ref: 'main',
        inputs: { environment: 'staging', dry_run: 'true', replicas: '3', ratio: '0.5' },
      })
      .reply(204);

    await expect(
      runAction(
        connector,
        'workflows.dispatch',
        {
          owner: 'octocat',
          repo: 'Hello-World',
          workflow_id: 'deploy.yml',
          ref: 'main',
          inputs: { environment: 'staging', dry_run: true, replicas: 3, ratio: 0.5 },
        },
        { auth: connection },
      ),
    ).resolves.toEqual({ dispatched: true, workflow_id: 'deploy.yml', ref: 'main' });
  });

  it('sends objects and arrays as JSON text for fromJSON() in the workflow', async () => {
    githubApi()
      .post('/repos/octocat/Hello-World/actions/workflows/deploy.yml/dispatches', {
        ref: 'main',
        inputs: { targets: '["eu","us"]', limits: '{"cpu":2,"debug":false}' },
      })
      .reply(204);

    await expect(
      runAction(
        connector,
        'workflows.dispatch',
        {
          owner: 'octocat',
          repo: 'Hello-World',
          workflow_id: 'deploy.yml',
          ref: 'main',
          inputs: { targets: ['eu', 'us'], limits: { cpu: 2, debug: false } },
        },
        { auth: connection },
      ),
    ).resolves.toEqual({ dispatched: true, workflow_id: 'deploy.yml', ref: 'main' });
  });

  it('accepts a numeric workflow id', async () => {
    githubApi().post('/repos/octocat/Hello-World/actions/workflows/161335/dispatches', { ref: 'v1.0.0' }).reply(204);

    await expect(
      runAction(
        connector,
        'workflows.dispatch',
        { owner: 'octocat', repo: 'Hello-World', workflow_id: 161335, ref: 'v1.0.0' },
        { auth: connection },
      ),
    ).resolves.toEqual({ dispatched: true, workflow_id: 161335, ref: 'v1.0.0' });
  });

  it('reports an input the workflow does not declare as invalid_input', async () => {
    githubApi().post('/repos/octocat/Hello-World/actions/workflows/deploy.yml/dispatches').reply(422, {
      message: 'Unexpected inputs provided: ["colour"]',
      documentation_url: 'https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event',
      status: '422',
    });

    await expect(
      runAction(
        connector,
        'workflows.dispatch',
        { owner: 'octocat', repo: 'Hello-World', workflow_id: 'deploy.yml', ref: 'main', inputs: { colour: 'red' } },
        { auth: connection },
      ),
    ).rejects.toMatchObject({
      kind: 'invalid_input',
      status: 422,
      vendorMessage: 'Unexpected inputs provided: ["colour"]',
    });
  });
});
