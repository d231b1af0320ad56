import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { twilioErrors } from './errors.js';

/** A RestException as the SDK builds it from an answer. */
const rest = (statusCode: number, code: number, message: string) =>
  new twilio.RestException({ statusCode, body: { code, message, more_info: '', status: statusCode } });

describe('twilioErrors', () => {
  it('classifies Twilio error codes before statuses', () => {
    const cases: [number, number, string][] = [
      [401, 20003, 'auth'],
      [404, 20404, 'not_found'],
      [400, 21211, 'invalid_input'],
      [400, 21610, 'invalid_input'],
      [400, 21408, 'auth'],
      [429, 20429, 'rate_limit'],
      [400, 14107, 'rate_limit'],
      [503, 20500, 'transient'],
    ];
    for (const [status, code, kind] of cases) {
      const mapped = twilioErrors().toConnectorError(rest(status, code, `error ${code}`), 'messages.send');
      expect(mapped, String(code)).toMatchObject({
        kind,
        status,
        vendorMessage: `error ${code}`,
        actionKey: 'messages.send',
      });
      expect(mapped.message).toBe(`Twilio answered ${status} ${code}: error ${code}`);
    }
  });

  it("keeps the answer's Retry-After for 429 and 503 only", () => {
    const context = { retryAfter: '12' };
    expect(twilioErrors(context).toConnectorError(rest(429, 20429, 'Too Many Requests')).retryAfter).toBe(12);
    expect(twilioErrors(context).toConnectorError(rest(400, 21211, 'bad')).retryAfter).toBeUndefined();
  });

  it('classifies socket failures', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(twilioErrors().toConnectorError(refused).kind).toBe('transient');
  });
});
