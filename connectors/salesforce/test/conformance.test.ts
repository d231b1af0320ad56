import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SalesforceReference, startSalesforce } from './salesforce-server.js';

// Every action through the sandbox users run it in, against the loopback org of salesforce-server.ts (its
// header names the Salesforce documentation each answer follows). The org is reached the way users reach
// theirs: through the connection's instanceUrl and loginUrl (network.connectionHosts), not a test-only
// allowance.
let sf: SalesforceReference;
let salesforce: ConnectorUnderTest;
let auth: Record<string, string>;

beforeAll(async () => {
  sf = await startSalesforce();
  salesforce = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { instanceUrl: sf.instanceUrl, loginUrl: sf.loginUrl, accessToken: sf.accessToken };
});
afterAll(async () => {
  await salesforce?.close();
  await sf?.close();
});

const BASE = '/services/data/v62.0';

describe('salesforce records through the sandbox', () => {
  it('creates, updates, queries and deletes a record as the org stores it', async () => {
    const created = await salesforce.run(
      'records.create',
      { object: 'Account', fields: { Name: 'Acme', Industry: 'Energy' } },
      { auth },
    );
    expect(created).toMatchObject({ status: 'completed', isolation: 'worker' });
    const id = (created.output as { id: string }).id;
    expect(sf.org.records.get(id)?.fields).toMatchObject({ Name: 'Acme', Industry: 'Energy' });

    const updated = await salesforce.run(
      'records.update',
      { object: 'Account', id, fields: { BillingCity: 'Paris', Industry: null } },
      { auth },
    );
    expect(updated).toMatchObject({ status: 'completed', output: { id } });
    expect(sf.org.records.get(id)?.fields).toMatchObject({ Name: 'Acme', BillingCity: 'Paris', Industry: null });

    const query = "SELECT Id, Name, BillingCity FROM Account WHERE Name = 'Acme'";
    const found = await salesforce.run('soql.query', { query }, { auth });
    expect(found).toMatchObject({ status: 'completed' });
    expect(found.output).toEqual({
      records: [
        {
          attributes: { type: 'Account', url: `${BASE}/sobjects/Account/${id}` },
          Id: id,
          Name: 'Acme',
          BillingCity: 'Paris',
        },
      ],
      totalSize: 1,
      done: true,
    });

    expect(await salesforce.run('records.delete', { object: 'Account', id }, { auth })).toMatchObject({
      status: 'completed',
      output: { id },
    });
    expect(sf.org.records.get(id)?.deleted).toBe(true);
    expect((await salesforce.run('soql.query', { query }, { auth })).output).toMatchObject({
      records: [],
      totalSize: 0,
    });
    const withDeleted = await salesforce.run(
      'soql.query',
      { query: `SELECT Id, IsDeleted FROM Account WHERE Id = '${id}'`, includeDeleted: true },
      { auth },
    );
    expect(withDeleted.output).toMatchObject({ records: [{ Id: id, IsDeleted: true }], totalSize: 1 });
    expect(sf.requests.some((r) => r.url.startsWith(`${BASE}/queryAll?`))).toBe(true);
  });

  it('upserts by external ID: creates, then updates the same record, with a slash in the value', async () => {
    const input = {
      object: 'Account',
      externalIdField: 'Customer_Number__c',
      externalId: 'ACME/42',
      fields: { Name: 'Acme Upsert' },
    };
    const first = await salesforce.run('records.upsert', input, { auth });
    expect(first).toMatchObject({ status: 'completed', output: { created: true } });
    const id = (first.output as { id: string }).id;
    expect(sf.org.records.get(id)?.fields).toMatchObject({ Name: 'Acme Upsert', Customer_Number__c: 'ACME/42' });

    const second = await salesforce.run('records.upsert', { ...input, fields: { BillingCity: 'Lyon' } }, { auth });
    expect(second).toMatchObject({ status: 'completed', output: { id, created: false } });
    expect(sf.org.records.get(id)?.fields).toMatchObject({ Name: 'Acme Upsert', BillingCity: 'Lyon' });
  });

  it('describes an object with the fields, rules and picklist values the org has', async () => {
    const result = await salesforce.run('sobjects.describe', { object: 'Account' }, { auth });
    expect(result).toMatchObject({ status: 'completed' });
    const describe = sf.org.describe('Account') as { fields: Record<string, unknown>[] };
    const output = result.output as { fields: Record<string, unknown>[] };
    expect(output).toMatchObject({
      name: 'Account',
      label: 'Account',
      labelPlural: 'Accounts',
      keyPrefix: '001',
      custom: false,
      createable: true,
      queryable: true,
    });
    expect(output.fields.map((f) => f.name)).toEqual(describe.fields.map((f) => f.name));
    expect(output.fields.find((f) => f.name === 'Industry')).toEqual({
      name: 'Industry',
      label: 'Industry',
      type: 'picklist',
      nillable: true,
      createable: true,
      updateable: true,
      custom: false,
      externalId: false,
      length: 255,
      referenceTo: [],
      picklistValues: ['Agriculture', 'Energy', 'Technology'].map((value) => ({
        value,
        label: value,
        active: true,
        defaultValue: false,
      })),
    });
    expect(output.fields.find((f) => f.name === 'Customer_Number__c')).toMatchObject({
      custom: true,
      externalId: true,
    });
    expect(output.fields.find((f) => f.name === 'Name')).toMatchObject({ nillable: false, createable: true });
  });

  it('follows nextRecordsUrl past a 2000-record page and stops at maxRecords', async () => {
    const ids = Array.from({ length: 2100 }, (_, i) => sf.org.create('Contact', { LastName: `Page ${i}` }).id);
    const result = await salesforce.run(
      'soql.query',
      { query: "SELECT Id, LastName FROM Contact WHERE LastName LIKE 'Page %'", maxRecords: 2050 },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed', output: { totalSize: 2100, done: false } });
    const records = (result.output as { records: { Id: string }[] }).records;
    expect(records.map((r) => r.Id)).toEqual(ids.slice(0, 2050));
    expect(sf.requests.some((r) => new RegExp(`^${BASE}/query/01g\\w+-2000$`).test(r.url))).toBe(true);
    for (const id of ids) sf.org.delete('Contact', id);
  });
});

describe('salesforce bulk insert through the sandbox', () => {
  it('loads the records with a Bulk API 2.0 job and reports each rejected one with its reason', async () => {
    const before = new Set(sf.org.live('Contact').map((r) => r.id));
    const result = await salesforce.run(
      'bulk.insert',
      {
        object: 'Contact',
        records: [
          { LastName: 'Lovelace', Email: 'ada@example.com' },
          { LastName: null, Email: 'nobody@example.com', Phone: '555-0100' },
          { FirstName: 'Grace', LastName: 'Hopper, "Amazing"' },
        ],
        pollIntervalMs: 100,
      },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed' });
    const inserted = sf.org.live('Contact').filter((r) => !before.has(r.id));
    expect(inserted.map((r) => r.fields)).toEqual([
      expect.objectContaining({ LastName: 'Lovelace', Email: 'ada@example.com' }),
      expect.objectContaining({ FirstName: 'Grace', LastName: 'Hopper, "Amazing"' }),
    ]);
    expect(result.output).toEqual({
      successful: 2,
      failed: 1,
      unprocessed: 0,
      ids: inserted.map((r) => r.id),
      failures: [
        {
          error: 'REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --',
          record: { LastName: '', Email: 'nobody@example.com', Phone: '555-0100', FirstName: '' },
        },
      ],
    });
    const jobCalls = sf.requests.filter((r) => r.url.startsWith(`${BASE}/jobs/ingest`)).map((r) => r.method);
    expect(jobCalls.slice(0, 3)).toEqual(['POST', 'PUT', 'PATCH']);
  });

  it('reports a job Salesforce fails as invalid_input with its reason', async () => {
    const result = await salesforce.run(
      'bulk.insert',
      { object: 'Contact', records: [{ LastNme: 'Typo' }], pollIntervalMs: 100 },
      { auth },
    );
    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('Field name not found : LastNme') },
    });
  });

  it('leaves a job still queued when it stops waiting, as its hint says', async () => {
    sf.bulk.holdQueue = true;
    try {
      const result = await salesforce.run(
        'bulk.insert',
        { object: 'Contact', records: [{ LastName: 'Queued' }], pollIntervalMs: 200, timeoutSeconds: 1 },
        { auth },
      );
      expect(result).toMatchObject({
        status: 'failed',
        error: { kind: 'unknown', hint: expect.stringContaining('still running') },
      });
      const jobId = /750\w+/.exec(result.error?.message ?? '')?.[0] ?? 'no job id in the message';
      // jsforce deletes the job after a poll timeout, and Salesforce deletes a queued (UploadComplete) job.
      expect(sf.bulk.jobs.get(jobId)?.state).toBe('UploadComplete');
      expect(sf.requests.filter((r) => r.method === 'DELETE' && r.url.includes(jobId))).toEqual([]);
    } finally {
      sf.bulk.holdQueue = false;
    }
  });
});

describe('salesforce through the process sandbox', () => {
  // The sandbox once refused jsforce's every connection ("may not connect to unix:null"); both sandboxes run it.
  it('reaches the org from a process sandbox too', async () => {
    const inProcess = await loadConnector({ dir: new URL('..', import.meta.url), isolation: 'process' });
    try {
      const created = await inProcess.run(
        'records.create',
        { object: 'Account', fields: { Name: 'Forked' } },
        { auth },
      );
      expect(created).toMatchObject({ status: 'completed', isolation: 'process' });
      const id = (created.output as { id: string }).id;
      expect(sf.org.records.get(id)?.fields.Name).toBe('Forked');
      const loaded = await inProcess.run(
        'bulk.insert',
        { object: 'Contact', records: [{ LastName: 'Forked' }], pollIntervalMs: 100 },
        { auth },
      );
      expect(loaded).toMatchObject({ status: 'completed', output: { successful: 1, failed: 0 } });
    } finally {
      await inProcess.close();
    }
  });
});

describe('salesforce sessions through the sandbox', () => {
  it('renews an expired access token at the connection’s loginUrl and retries the call', async () => {
    const result = await salesforce.run(
      'soql.query',
      { query: 'SELECT Id FROM Account LIMIT 1' },
      {
        auth: {
          ...auth,
          accessToken: 'expired-session',
          refreshToken: sf.app.refreshToken,
          clientId: sf.app.clientId,
          clientSecret: sf.app.clientSecret,
        },
      },
    );
    expect(result).toMatchObject({ status: 'completed', output: { done: true } });
    expect(sf.requests.some((r) => r.method === 'POST' && r.url === '/services/oauth2/token')).toBe(true);
  });

  it('maps INVALID_SESSION_ID to auth with a hint when it cannot refresh', async () => {
    const result = await salesforce.run(
      'soql.query',
      { query: 'SELECT Id FROM Account' },
      {
        auth: { ...auth, accessToken: 'revoked-session' },
      },
    );
    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', status: 401, hint: expect.stringContaining('refreshToken') },
    });
    expect(result.error?.message).toContain('Session expired or invalid');
  });

  it('maps a refresh token the org no longer accepts to auth', async () => {
    const result = await salesforce.run(
      'soql.query',
      { query: 'SELECT Id FROM Account' },
      {
        auth: {
          ...auth,
          accessToken: 'expired-session',
          refreshToken: 'revoked-refresh-token',
          clientId: sf.app.clientId,
          clientSecret: sf.app.clientSecret,
        },
      },
    );
    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', message: expect.stringContaining('expired access/refresh token') },
    });
  });
});

describe('salesforce failures through the sandbox', () => {
  it('maps a record that does not exist, or an unknown object, to not_found', async () => {
    const missing = await salesforce.run(
      'records.update',
      { object: 'Account', id: '001Dn0000099999AAA', fields: { Name: 'x' } },
      { auth },
    );
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    const unknown = await salesforce.run('sobjects.describe', { object: 'Invoice__c' }, { auth });
    expect(unknown).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
  });

  it('maps what the org refuses to invalid_input with Salesforce’s message', async () => {
    const noName = await salesforce.run(
      'records.create',
      { object: 'Account', fields: { Industry: 'Energy' } },
      { auth },
    );
    expect(noName).toMatchObject({
      status: 'failed',
      error: {
        kind: 'invalid_input',
        status: 400,
        message: expect.stringContaining('Required fields are missing: [Name]'),
      },
    });
    const badQuery = await salesforce.run('soql.query', { query: 'SELECT Id FRM Account' }, { auth });
    expect(badQuery).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('MALFORMED_QUERY') },
    });
    const badField = await salesforce.run('soql.query', { query: 'SELECT Id, Nmae FROM Account' }, { auth });
    expect(badField).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('INVALID_FIELD') },
    });
  });

  it('maps an external ID that matches several records (HTTP 300) to conflict', async () => {
    sf.org.create('Account', { Name: 'Twin 1', Customer_Number__c: 'TWIN' });
    sf.org.create('Account', { Name: 'Twin 2', Customer_Number__c: 'TWIN' });
    const result = await salesforce.run(
      'records.upsert',
      { object: 'Account', externalIdField: 'Customer_Number__c', externalId: 'TWIN', fields: { Name: 'x' } },
      { auth },
    );
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 300 } });
  });

  it('maps HTTP 429 with Retry-After to rate_limit carrying the wait', async () => {
    sf.answerNext('GET', /\/query$/, {
      status: 429,
      headers: { 'retry-after': '30' },
      body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentPerOrgLongTxn Limit exceeded.' }],
    });
    const result = await salesforce.run('soql.query', { query: 'SELECT Id FROM Account' }, { auth });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'rate_limit', status: 429, retryAfter: 30 } });
  });

  it('maps 403 REQUEST_LIMIT_EXCEEDED, the org’s API allowance used up, to rate_limit', async () => {
    sf.answerNext('POST', /\/sobjects\/Account$/, {
      status: 403,
      body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }],
    });
    const result = await salesforce.run('records.create', { object: 'Account', fields: { Name: 'x' } }, { auth });
    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', status: 403, hint: expect.stringContaining('API request allowance') },
    });
  });

  it('refuses a connection URL that would send the token over plain http to another machine', async () => {
    const call = salesforce.run(
      'soql.query',
      { query: 'SELECT Id FROM Account' },
      {
        auth: { ...auth, instanceUrl: 'http://acme.my.salesforce.com' },
      },
    );
    await expect(call).rejects.toThrow(/instanceUrl must match pattern/);
  });
});
