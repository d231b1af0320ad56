import { type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';
import twilio from 'twilio';

/** Twilio error codes (twilio.com/docs/api/errors) whose meaning is clearer than their HTTP status. */
const CODES: Record<string, ConnectorErrorKind> = {
  20003: 'auth', // Authentication failed
  20005: 'auth', // Account not active
  20008: 'auth', // Test credentials cannot do this
  20404: 'not_found', // The requested resource was not found
  20429: 'rate_limit', // Too many requests
  21211: 'invalid_input', // Invalid 'To' phone number
  21212: 'invalid_input', // Invalid 'From' phone number
  21408: 'auth', // Permission to send to this region is not enabled
  21606: 'invalid_input', // The 'From' number is not SMS-capable
  21608: 'invalid_input', // Trial accounts only send to verified numbers
  21610: 'invalid_input', // The recipient replied STOP
  21614: 'invalid_input', // 'To' is not a mobile number
  21617: 'invalid_input', // Body too long
  63016: 'invalid_input', // WhatsApp: outside the 24-hour window, use a template
  14107: 'rate_limit', // SMS send rate limit exceeded
};

const HINTS: Record<string, string> = {
  20003: 'Check the Account SID and the Auth Token (or the API key SID and secret).',
  20404: 'Check the SID: it may belong to another account or subaccount.',
  21211: "Give 'to' in E.164 form, e.g. +14155550100 (whatsapp:+14155550100 for WhatsApp).",
  21608: 'Trial accounts can only send to verified numbers: verify it in the Console or upgrade the account.',
  21610: 'The recipient opted out (replied STOP); they must reply START before you can message them.',
  63016: 'Outside the 24-hour session window WhatsApp only takes approved templates: send a contentSid.',
};

export interface TwilioFailureContext {
  /** Retry-After of the last answer, which the SDK's RestException does not keep. */
  retryAfter?: string | undefined;
}

/** A failure mapping that reads Retry-After from the call's own HTTP client. */
export function twilioErrors(context: TwilioFailureContext = {}) {
  return errorMapping({
    vendor: 'Twilio',
    read(error: unknown): VendorFailure | undefined {
      if (!(error instanceof twilio.RestException)) return undefined;
      return {
        status: error.status,
        code: error.code,
        vendorMessage: error.message,
        retryAfter: error.status === 429 || error.status === 503 ? context.retryAfter : undefined,
        cause: error,
      };
    },
    codes: CODES,
    hints: { codes: HINTS },
  });
}
