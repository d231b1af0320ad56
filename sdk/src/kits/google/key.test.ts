import { describe, expect, it } from 'vitest';
import { parseServiceAccountKey } from './key.js';

describe('parseServiceAccountKey', () => {
  it.each([
    ['text that is not JSON', 'not json', 'not valid JSON'],
    ['a user credential file', JSON.stringify({ type: 'authorized_user', client_id: 'x' }), '"service_account"'],
    ['a key without client_email', JSON.stringify({ type: 'service_account', private_key: 'x' }), 'client_email'],
    [
      'a damaged private_key',
      JSON.stringify({ type: 'service_account', client_email: 'a@b.iam.gserviceaccount.com', private_key: 'nope' }),
      'cannot be read',
    ],
  ])('refuses %s as an auth error with a hint', (_label, text, message) => {
    expect(() => parseServiceAccountKey(text)).toThrow(message);
    try {
      parseServiceAccountKey(text);
    } catch (error) {
      expect(error).toMatchObject({ kind: 'auth', hint: expect.stringContaining('JSON key file') });
    }
  });
});
