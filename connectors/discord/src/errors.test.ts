import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { discordErrors } from './errors.js';

/** A failure as the SDK's HTTP client throws it: the response is the cause. */
function answered(status: number, data: unknown, headers: Record<string, string> = {}) {
  return new ConnectorError(`GET /x failed with HTTP ${status}`, {
    kind: 'unknown',
    status,
    cause: { status, headers, data, url: 'https://discord.com/api/v10/x' },
  });
}

describe('discordErrors', () => {
  it('classifies by Discord’s JSON code before the status', () => {
    const cases: [number, number, string][] = [
      [404, 10003, 'not_found'],
      [404, 10008, 'not_found'],
      [400, 10014, 'invalid_input'],
      [403, 50001, 'auth'],
      [403, 50013, 'auth'],
      [400, 50035, 'invalid_input'],
      [400, 30010, 'conflict'],
      [403, 50005, 'auth'],
      [500, 0, 'transient'],
    ];
    for (const [status, code, kind] of cases) {
      const mapped = discordErrors.toConnectorError(answered(status, { code, message: 'words' }), 'messages.send');
      expect(mapped, String(code)).toMatchObject({ kind, status, vendorMessage: 'words', actionKey: 'messages.send' });
    }
  });

  it('takes retry_after from a 429 body, else the headers', () => {
    const body = discordErrors.toConnectorError(
      answered(
        429,
        { message: 'You are being rate limited.', retry_after: 1.2, global: false },
        { 'retry-after': '9' },
      ),
    );
    expect(body).toMatchObject({ kind: 'rate_limit', retryAfter: 2 });
    expect(body.message).toContain('this route');
    const header = discordErrors.toConnectorError(answered(429, 'slow down', { 'retry-after': '7' }));
    expect(header.retryAfter).toBe(7);
    const reset = discordErrors.toConnectorError(
      answered(429, {}, { 'x-ratelimit-reset-after': '3.5', 'x-ratelimit-scope': 'shared' }),
    );
    expect(reset).toMatchObject({ retryAfter: 4, message: expect.stringContaining('shared limit') });
  });
});
