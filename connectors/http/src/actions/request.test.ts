import { ConnectorError, runAction } from '@mova/sdk';
import { getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import connector from '../index.js';

// Shapes from the vendors' docs: GitHub's REST API (https://docs.github.com/en/rest/repos/repos#get-a-repository,
// errors https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api) and Stripe's error
// object (https://docs.stripe.com/api/errors). Retry-After per RFC 9110 §10.2.3.
const GH = 'https://api.github.com';
const json = { 'content-type': 'application/json; charset=utf-8' };
const original = getGlobalDispatcher();
let agent: MockAgent;

beforeEach(() => {
  agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  setGlobalDispatcher(agent);
});
afterEach(async () => {
  setGlobalDispatcher(original);
  agent.assertNoPendingInterceptors();
  await agent.close();
});

const lastCall = () => agent.getCallHistory()?.lastCall();
const run = (input: unknown, auth: unknown = {}) => runAction(connector, 'request', input, { auth });

describe('request', () => {
  it('GETs a URL with query and headers and returns status, headers, url and the JSON body', async () => {
    const repo = { id: 1296269, full_name: 'octocat/Hello-World', default_branch: 'master' };
    agent
      .get(GH)
      .intercept({ path: '/repos/octocat/Hello-World?ref=main', headers: { accept: 'application/vnd.github+json' } })
      .reply(200, repo, { headers: json });
    const output = await run({
      url: `${GH}/repos/octocat/Hello-World`,
      query: { ref: 'main' },
      headers: { Accept: 'application/vnd.github+json' },
    });
    expect(output).toEqual({
      status: 200,
      headers: expect.objectContaining({ 'content-type': 'application/json; charset=utf-8' }),
      url: `${GH}/repos/octocat/Hello-World?ref=main`,
      data: repo,
    });
  });

  it('sends a JSON body', async () => {
    agent
      .get('https://api.acme.test')
      .intercept({ path: '/v1/items', method: 'POST', body: '{"name":"Widget","price":9.5}' })
      .reply(201, { id: 'it_42', name: 'Widget', price: 9.5 }, { headers: json });
    const output = await run({
      method: 'POST',
      url: 'https://api.acme.test/v1/items',
      body: { json: { name: 'Widget', price: 9.5 } },
    });
    expect(output).toMatchObject({ status: 201, data: { id: 'it_42' } });
    expect(lastCall()?.headers).toMatchObject({ 'content-type': 'application/json' });
  });

  it('sends a form body', async () => {
    agent
      .get('https://api.acme.test')
      .intercept({ path: '/v1/subscribe', method: 'POST', body: 'email=ada%40example.com&list=news' })
      .reply(204, '');
    const output = await run({
      method: 'POST',
      url: 'https://api.acme.test/v1/subscribe',
      body: { form: { email: 'ada@example.com', list: 'news' } },
    });
    expect(output).toMatchObject({ status: 204, data: null });
    expect(lastCall()?.headers).toMatchObject({ 'content-type': 'application/x-www-form-urlencoded' });
  });

  it('sends a text body under the content type the headers give', async () => {
    agent
      .get('https://api.acme.test')
      .intercept({
        path: '/v1/notes',
        method: 'PUT',
        body: '<note>hi</note>',
        headers: { 'content-type': 'application/xml' },
      })
      .reply(200, '<ok/>', { headers: { 'content-type': 'application/xml' } });
    const output = await run({
      method: 'PUT',
      url: 'https://api.acme.test/v1/notes',
      headers: { 'Content-Type': 'application/xml' },
      body: { text: '<note>hi</note>' },
    });
    expect(output).toMatchObject({ data: '<ok/>' });
  });

  it('reads binary bodies as base64, and an empty JSON body as null', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const pool = agent.get('https://cdn.acme.test');
    pool.intercept({ path: '/logo.png' }).reply(200, png, { headers: { 'content-type': 'image/png' } });
    pool.intercept({ path: '/items/1', method: 'DELETE' }).reply(204, '', { headers: json });
    await expect(run({ url: 'https://cdn.acme.test/logo.png', responseType: 'base64' })).resolves.toMatchObject({
      data: png.toString('base64'),
    });
    await expect(run({ method: 'DELETE', url: 'https://cdn.acme.test/items/1' })).resolves.toMatchObject({
      status: 204,
      data: null,
    });
  });

  it('fails a 404 as not_found with the vendor message', async () => {
    agent
      .get(GH)
      .intercept({ path: '/repos/octocat/nope' })
      .reply(
        404,
        { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository' },
        { headers: json },
      );
    const error = await run({ url: `${GH}/repos/octocat/nope` }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      kind: 'not_found',
      status: 404,
      vendorMessage: 'Not Found',
      actionKey: 'request',
      message: `GET ${GH}/repos/octocat/nope failed with HTTP 404: Not Found`,
    });
  });

  it('fails a 422 as invalid_input with the vendor message', async () => {
    agent
      .get('https://api.stripe.test')
      .intercept({ path: '/v1/customers', method: 'POST' })
      .reply(400, { error: { type: 'invalid_request_error', message: 'Invalid email address: x' } }, { headers: json });
    await expect(
      run({ method: 'POST', url: 'https://api.stripe.test/v1/customers', body: { form: { email: 'x' } } }),
    ).rejects.toMatchObject({ kind: 'invalid_input', status: 400, vendorMessage: 'Invalid email address: x' });
  });

  it('retries a 503 and returns the answer that follows', async () => {
    const pool = agent.get(GH);
    pool.intercept({ path: '/zen' }).reply(503, 'Service Unavailable');
    pool.intercept({ path: '/zen' }).reply(200, 'Design for failure.', { headers: { 'content-type': 'text/plain' } });
    await expect(run({ url: `${GH}/zen` })).resolves.toMatchObject({ status: 200, data: 'Design for failure.' });
    expect(agent.getCallHistory()?.calls()).toHaveLength(2);
  });

  it('waits out a 429 Retry-After before trying again', async () => {
    const pool = agent.get(GH);
    pool
      .intercept({ path: '/zen' })
      .reply(429, { message: 'secondary rate limit' }, { headers: { ...json, 'retry-after': '1' } });
    pool.intercept({ path: '/zen' }).reply(200, 'ok');
    const started = Date.now();
    await expect(run({ url: `${GH}/zen` })).resolves.toMatchObject({ data: 'ok' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('hands a long Retry-After to the runtime as a rate_limit error', async () => {
    agent
      .get(GH)
      .intercept({ path: '/zen' })
      .reply(429, { message: 'API rate limit exceeded' }, { headers: { ...json, 'retry-after': '3600' } });
    await expect(run({ url: `${GH}/zen` })).rejects.toMatchObject({
      kind: 'rate_limit',
      status: 429,
      retryAfter: 3600,
      vendorMessage: 'API rate limit exceeded',
    });
  });

  it('rejects a body that is neither json, form nor text before sending', async () => {
    await expect(run({ method: 'POST', url: `${GH}/x`, body: { yaml: 'a: 1' } })).rejects.toMatchObject({
      code: 'E_VALIDATION',
    });
    expect(agent.getCallHistory()?.calls()).toHaveLength(0);
  });
});
