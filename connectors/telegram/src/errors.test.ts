import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { codeOf, failureOf, telegramErrors } from './errors.js';

/** A failure as the SDK's HTTP client throws it: the response is the cause, the URL in the message. */
function answered(status: number, data: unknown) {
  return new ConnectorError(`POST https://api.telegram.org/bot1:SECRET/sendMessage failed with HTTP ${status}`, {
    kind: 'unknown',
    status,
    cause: { status, headers: {}, data, url: 'https://api.telegram.org/bot1:SECRET/sendMessage' },
  });
}

describe('telegramErrors', () => {
  it('classifies by Telegram’s description before the status', () => {
    const cases: [number, string, string][] = [
      [400, 'Bad Request: chat not found', 'not_found'],
      [400, 'Bad Request: message to edit not found', 'not_found'],
      [400, 'Bad Request: message is not modified: specified new message content …', 'conflict'],
      [400, "Bad Request: message can't be deleted for everyone", 'invalid_input'],
      [403, 'Forbidden: bot was blocked by the user', 'auth'],
      [
        409,
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
        'conflict',
      ],
      [400, 'Bad Request: wrong file identifier/HTTP URL specified', 'invalid_input'],
      [400, "Bad Request: can't parse entities: Unsupported start tag", 'invalid_input'],
      [401, 'Unauthorized', 'auth'],
      [502, 'Bad Gateway', 'transient'],
    ];
    for (const [status, description, kind] of cases) {
      const mapped = telegramErrors.toConnectorError(
        answered(status, { ok: false, error_code: status, description }),
        'messages.send',
      );
      expect(mapped, description).toMatchObject({
        kind,
        status,
        vendorMessage: description,
        actionKey: 'messages.send',
      });
      expect(mapped.message).toBe(`Telegram answered ${status}: ${description}`);
      expect(mapped.message).not.toContain('SECRET');
    }
  });

  it('keeps retry_after and names the supergroup a group moved to', () => {
    const limited = telegramErrors.fromFailure(
      failureOf(429, { ok: false, description: 'Too Many Requests: retry after 17', parameters: { retry_after: 17 } }),
    );
    expect(limited).toMatchObject({ kind: 'rate_limit', retryAfter: 17 });
    const moved = telegramErrors.fromFailure(
      failureOf(400, {
        ok: false,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: -100123 },
      }),
    );
    expect(moved.hint).toContain('-100123');
    expect(codeOf('something new')).toBeUndefined();
  });
});
