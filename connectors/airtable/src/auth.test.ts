import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AirtableReference, startAirtable, TOKEN } from '../test/airtable-api.js';
import { auth } from './auth.js';

let at: AirtableReference;
beforeAll(async () => {
  at = await startAirtable();
});
afterAll(() => at.close());

describe('connection test', () => {
  it('asks /meta/whoami, and fails as auth for a refused token', async () => {
    await expect(auth.validate?.({ token: TOKEN, apiUrl: at.url })).resolves.toBeUndefined();
    expect(at.server.requests.at(-1)?.path).toBe('/v0/meta/whoami');
    await expect(auth.validate?.({ token: 'patNope', apiUrl: at.url })).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
    });
  });
});
