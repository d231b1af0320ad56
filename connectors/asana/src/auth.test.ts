import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsanaReference, PAT, startAsana } from '../test/asana-api.js';
import { auth } from './auth.js';

let as: AsanaReference;
beforeAll(async () => {
  as = await startAsana();
});
afterAll(() => as.close());

describe('connection test', () => {
  it('reads /users/me with the token, and fails as auth for a refused one', async () => {
    await expect(auth.validate?.({ accessToken: PAT, apiUrl: as.url })).resolves.toBeUndefined();
    expect(as.server.requests.at(-1)?.path).toBe('/api/1.0/users/me');
    await expect(auth.validate?.({ accessToken: 'revoked', apiUrl: as.url })).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
    });
  });
});
