import { type ConnectorError, type ConnectorErrorKind, errorMapping } from '@mova/sdk';
import {
  WebAPIFileUploadInvalidArgumentsError,
  WebAPIFileUploadReadFileDataError,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';

/**
 * Slack answers most failures with HTTP 200 and `{ ok: false, error: "<code>" }`; the code is the only
 * thing that says what went wrong. Codes from the method pages' error tables and the "Common errors"
 * list of docs.slack.dev; anything not listed is `unknown`.
 */
const KIND_BY_CODE: Record<string, ConnectorErrorKind> = {
  not_authed: 'auth',
  invalid_auth: 'auth',
  token_revoked: 'auth',
  token_expired: 'auth',
  account_inactive: 'auth',
  no_permission: 'auth',
  missing_scope: 'auth',
  not_allowed_token_type: 'auth',
  not_in_channel: 'auth',
  team_access_not_granted: 'auth',
  ekm_access_denied: 'auth',
  two_factor_setup_required: 'auth',
  channel_not_found: 'not_found',
  user_not_found: 'not_found',
  users_not_found: 'not_found',
  message_not_found: 'not_found',
  thread_not_found: 'not_found',
  file_not_found: 'not_found',
  ratelimited: 'rate_limit',
  rate_limited: 'rate_limit',
  invalid_arguments: 'invalid_input',
  invalid_arg_name: 'invalid_input',
  invalid_array_arg: 'invalid_input',
  invalid_charset: 'invalid_input',
  invalid_form_data: 'invalid_input',
  invalid_blocks: 'invalid_input',
  invalid_blocks_format: 'invalid_input',
  invalid_cursor: 'invalid_input',
  invalid_limit: 'invalid_input',
  invalid_types: 'invalid_input',
  invalid_name: 'invalid_input',
  invalid_ts_latest: 'invalid_input',
  invalid_ts_oldest: 'invalid_input',
  msg_too_long: 'invalid_input',
  no_text: 'invalid_input',
  too_many_attachments: 'invalid_input',
  too_many_reactions: 'invalid_input',
  is_archived: 'invalid_input',
  cant_update_message: 'invalid_input',
  edit_window_closed: 'invalid_input',
  method_not_supported_for_channel_type: 'invalid_input',
  already_reacted: 'conflict',
  internal_error: 'transient',
  fatal_error: 'transient',
  service_unavailable: 'transient',
  request_timeout: 'transient',
};

const HINT_BY_CODE: Record<string, string> = {
  not_in_channel: 'Invite the Slack app to the channel (/invite @your-app), then run the step again.',
  missing_scope: 'Add the missing OAuth scope to the Slack app, reinstall it, and update the connection token.',
  invalid_auth: 'The token is not valid: copy a fresh bot or user token from the Slack app into the connection.',
  not_authed: 'The connection has no token: add the Slack bot or user token to it.',
  token_revoked: 'The token was revoked: reinstall the Slack app and update the connection token.',
  channel_not_found: 'Check the channel ID (C…/G…/D…) and that the app can see the channel.',
  users_not_found: 'No Slack user has that email address in this workspace.',
};

/** The Slack SDK's failures as ConnectorErrors, by Slack's error code where it gives one. */
export const slackErrors = errorMapping({
  vendor: 'Slack',
  codes: KIND_BY_CODE,
  hints: { codes: HINT_BY_CODE },
  read(error) {
    if (error instanceof WebAPIPlatformError) {
      const code = error.data.error;
      // missing_scope answers name the scope the method needs.
      const needed =
        'needed' in error.data && typeof error.data.needed === 'string' ? ` (needs ${error.data.needed})` : '';
      return {
        code,
        vendorMessage: code,
        retryAfter: error.data.response_metadata?.retryAfter,
        message: `Slack refused the call: ${code}${needed}`,
        cause: error,
      };
    }
    if (error instanceof WebAPIRateLimitedError) {
      return {
        kind: 'rate_limit',
        status: 429,
        retryAfter: error.retryAfter,
        vendorMessage: 'ratelimited',
        message: `Slack is rate limiting this app; retry after ${error.retryAfter} s`,
        cause: error,
      };
    }
    if (error instanceof WebAPIHTTPError) {
      return {
        status: error.statusCode,
        vendorMessage: typeof error.body === 'string' ? error.body : undefined,
        message: `Slack answered HTTP ${error.statusCode} ${error.statusMessage}`,
        cause: error,
      };
    }
    if (error instanceof WebAPIRequestError) {
      return { kind: 'transient', message: `Could not reach Slack: ${error.original.message}`, cause: error };
    }
    if (error instanceof WebAPIFileUploadInvalidArgumentsError || error instanceof WebAPIFileUploadReadFileDataError) {
      return { kind: 'invalid_input', message: `Slack file upload refused its input: ${error.message}`, cause: error };
    }
    return undefined;
  },
});

/** Turns whatever the Slack SDK threw into a ConnectorError the runtime can act on. */
export function toConnectorError(error: unknown, actionKey?: string): ConnectorError {
  return slackErrors.toConnectorError(error, actionKey);
}
