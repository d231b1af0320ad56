import nock from 'nock';
import { afterEach, beforeAll, expect, vi } from 'vitest';

// jsforce's own back-off would make a failing request retry for seconds; tests must fail at once.
vi.mock('../src/retry.js', () => ({ retryPolicy: { maxRetries: 0 } }));

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});

afterEach(() => {
  // Every mocked request must have been made: a test whose call never reached "Salesforce" fails here.
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});
