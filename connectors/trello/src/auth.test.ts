import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIALS, startTrello, type TrelloReference } from '../test/trello-api.js';
import { auth } from './auth.js';

let tr: TrelloReference;
beforeAll(async () => {
  tr = await startTrello();
});
afterAll(() => tr.close());

describe('connection test', () => {
  it('reads the token’s member, and fails as auth for a wrong key', async () => {
    await expect(auth.validate?.({ ...CREDENTIALS, apiUrl: tr.url })).resolves.toBeUndefined();
    expect(tr.server.requests.at(-1)?.path).toBe('/1/members/me');
    await expect(auth.validate?.({ ...CREDENTIALS, apiKey: 'other', apiUrl: tr.url })).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
    });
  });
});
